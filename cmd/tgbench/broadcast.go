package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/storage"
)

// broadcastTarget is how long 1,000 reminders to 1,000 private chats may
// take with Telegram's limits on (about 30 messages a second overall).
const broadcastTarget = 36 * time.Second

// runBroadcast posts a reminder to each of o.chats private chats through
// the engine and delivers them with the outbox dispatcher to the fake Bot
// API with Telegram's limits on: messages per second, and 429s (want 0).
func runBroadcast(ctx context.Context, o options, rs *lazyRedis, out io.Writer) error {
	k, err := openKit(ctx, o.store, rs)
	if err != nil {
		return err
	}
	defer k.close()
	st := k.st
	srv, err := telegramtest.Start("127.0.0.1:0")
	if err != nil {
		return err
	}
	defer srv.Close()

	msgs, err := seedChats(ctx, st, o.chats)
	if err != nil {
		return err
	}
	eng, err := conversations.New(conversations.Config{Institution: "tgbench"}, st, conversations.DefaultServices()...)
	if err != nil {
		return err
	}
	ad, err := telegram.New(ctx, telegram.Config{Token: srv.Token(), Endpoint: srv.Endpoint()})
	if err != nil {
		return err
	}
	disp := bot.NewDispatcher(st, eng, bot.NewRouter(st, ad), bot.DispatcherConfig{})

	start := time.Now()
	if _, err := eng.Post(ctx, "tgbench:"+start.Format(time.RFC3339Nano), msgs...); err != nil {
		return err
	}
	if err := deliverAll(ctx, st, disp); err != nil {
		return err
	}
	elapsed := time.Since(start)
	sent := len(srv.Calls("sendMessage")) - len(srv.Errors())
	fmt.Fprintf(out, "broadcast (store %s): chats=%d delivered=%d elapsed=%.2fs rate=%.1f msg/s throttled(429)=%d malformed=%d\n",
		k.kind, o.chats, sent, elapsed.Seconds(), float64(sent)/elapsed.Seconds(), srv.TooMany(), srv.Malformed())
	verdict := "ok"
	if elapsed > broadcastTarget*time.Duration(o.chats)/1000 || srv.TooMany() != 0 {
		verdict = "MISSED"
	}
	fmt.Fprintf(out, "  target: %d reminders within %.0f s with Telegram's limits on, 0 × 429: %s\n",
		o.chats, (broadcastTarget * time.Duration(o.chats) / 1000).Seconds(), verdict)
	if srv.TooMany() != 0 || sent != o.chats {
		return fmt.Errorf("%d throttled, %d of %d delivered", srv.TooMany(), sent, o.chats)
	}
	return nil
}

// seedChats puts in st a person for each of chats private chats and
// returns a reminder for each.
func seedChats(ctx context.Context, st storage.Store, chats int) ([]conversations.Message, error) {
	if err := st.PutArea(ctx, storage.Area{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "p0"}); err != nil {
		return nil, err
	}
	msgs := make([]conversations.Message, chats)
	for i := range chats {
		id := "p" + strconv.Itoa(i)
		p := storage.Person{ID: id, Name: "Persona " + strconv.Itoa(i), Role: storage.RoleUsuario, Area: "finanzas",
			Accounts: map[string]string{"telegram": strconv.Itoa(100000 + i)}}
		if err := st.PutPerson(ctx, p); err != nil {
			return nil, err
		}
		msgs[i] = conversations.Message{To: id, Text: "Recordatorio: mañana hay mantenimiento preventivo en tu área."}
	}
	return msgs, nil
}

// deliverAll runs disp until the outbox is empty.
func deliverAll(ctx context.Context, st storage.Outbox, disp *bot.Dispatcher) error {
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- disp.Run(runCtx) }()
	var err error
	for {
		var n int
		if n, err = st.PendingOutbox(ctx); err != nil || n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	stop()
	if rerr := <-done; rerr != nil && !errors.Is(rerr, context.Canceled) {
		err = errors.Join(err, rerr)
	}
	return err
}
