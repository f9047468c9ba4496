// Command tgbench measures ctdesk's outbound Telegram throughput: it posts
// a reminder to each of N private chats through the engine and delivers
// them with the outbox dispatcher to a fake Bot API on loopback that
// enforces Telegram's rate limits, then prints messages per second and
// how many times the server had to throttle (429).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/storage"
	"ctdesk/storage/sqlitestore"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tgbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("tgbench", flag.ContinueOnError)
	chats := fs.Int("chats", 1000, "private chats, one reminder each")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "tgbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := sqlitestore.Open(ctx, filepath.Join(dir, "ctdesk.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	srv, err := telegramtest.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()

	if err := st.PutArea(ctx, storage.Area{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "p0"}); err != nil {
		return err
	}
	msgs := make([]conversations.Message, *chats)
	for i := range *chats {
		id := "p" + strconv.Itoa(i)
		p := storage.Person{ID: id, Name: "Persona " + strconv.Itoa(i), Role: storage.RoleUsuario, Area: "finanzas",
			Accounts: map[string]string{"telegram": strconv.Itoa(100000 + i)}}
		if err := st.PutPerson(ctx, p); err != nil {
			return err
		}
		msgs[i] = conversations.Message{To: id, Text: "Recordatorio: mañana hay mantenimiento preventivo en tu área."}
	}
	eng, err := conversations.New(conversations.Config{Institution: "tgbench"}, st, conversations.DefaultServices()...)
	if err != nil {
		return err
	}
	ad, err := telegram.New(ctx, telegram.Config{Token: srv.Token(), Endpoint: srv.Endpoint(), HTTPClient: srv.Client()})
	if err != nil {
		return err
	}
	disp := bot.NewDispatcher(st, eng, bot.NewRouter(st, ad), bot.DispatcherConfig{Log: slog.New(slog.DiscardHandler)})

	start := time.Now()
	if _, err := eng.Post(ctx, "tgbench:"+start.Format(time.RFC3339Nano), msgs...); err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- disp.Run(runCtx) }()
	for {
		n, err := st.PendingOutbox(ctx)
		if err != nil {
			stop()
			return err
		}
		if n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	elapsed := time.Since(start)
	stop()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	sent := len(srv.Calls("sendMessage")) - len(srv.Errors())
	fmt.Fprintf(out, "chats=%d delivered=%d elapsed=%.2fs rate=%.1f msg/s throttled(429)=%d malformed=%d\n",
		*chats, sent, elapsed.Seconds(), float64(sent)/elapsed.Seconds(), srv.TooMany(), srv.Malformed())
	if srv.TooMany() != 0 || sent != *chats {
		return fmt.Errorf("%d throttled, %d of %d delivered", srv.TooMany(), sent, *chats)
	}
	return nil
}
