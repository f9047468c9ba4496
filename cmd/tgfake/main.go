// Command tgfake runs the fake Telegram Bot API server of bot/telegram/telegramtest on its own,
// for load runs and manual tries. It prints the endpoint to give the bot
// (TELEGRAM_API_ENDPOINT) and serves a small admin API:
//
//	GET  /stats                          counters: malformed, too_many, injected, calls, pending
//	POST /send?user=ID&name=Ana&text=..  a user writes to the bot
//	POST /press?user=ID&chat=ID&message=N&data=..  a user presses an inline button
//	GET  /messages?chat=ID               what a chat shows now
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address of the Bot API server")
	admin := flag.String("admin", "127.0.0.1:8082", "address of the admin API (empty: none)")
	token := flag.String("token", telegramtest.DefaultToken, "bot token to accept")
	noLimits := flag.Bool("no-limits", false, "turn the rate limits off")
	perChat := flag.Float64("per-chat", 1, "messages per second to one chat")
	burst := flag.Int("burst", 3, "messages one chat may take at once")
	group := flag.Int("group-per-minute", 20, "messages per minute to one group")
	global := flag.Float64("global", 30, "messages per second over all chats")
	maxPoll := flag.Duration("max-poll", 50*time.Second, "longest getUpdates wait")
	verbose := flag.Bool("v", false, "log rejected requests")
	flag.Parse()

	opts := []telegramtest.Option{
		telegramtest.WithToken(*token),
		telegramtest.WithMaxPoll(*maxPoll),
		telegramtest.WithLimits(telegramtest.Limits{PerChat: *perChat, Burst: *burst, GroupPerMinute: *group,
			Global: *global, GlobalBurst: int(*global), Disabled: *noLimits}),
	}
	if *verbose {
		opts = append(opts, telegramtest.WithLogf(log.Printf))
	}
	srv, err := telegramtest.Start(*addr, opts...)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("TELEGRAM_API_ENDPOINT=%s\nTELEGRAM_TOKEN=%s\nfiles: %s<token>/<file_path>\n", srv.URL(), srv.Token(), srv.FileBase())
	if *admin != "" {
		go func() { log.Fatal(http.ListenAndServe(*admin, adminMux(srv))) }()
		fmt.Printf("admin: http://%s/stats\n", *admin)
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	srv.Close()
	_ = json.NewEncoder(os.Stdout).Encode(stats(srv))
}

func stats(srv *telegramtest.Server) map[string]int {
	return map[string]int{"malformed": srv.Malformed(), "too_many": srv.TooMany(), "injected": srv.Injected(),
		"calls": len(srv.Sent()), "pending": srv.Pending()}
}

func adminMux(srv *telegramtest.Server) *http.ServeMux {
	mux := http.NewServeMux()
	reply := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	num := func(r *http.Request, key string) int64 {
		n, _ := strconv.ParseInt(r.FormValue(key), 10, 64)
		return n
	}
	user := func(r *http.Request) telegramtest.User {
		return telegramtest.User{ID: num(r, "user"), FirstName: r.FormValue("name")}
	}
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, _ *http.Request) { reply(w, stats(srv)) })
	mux.HandleFunc("GET /messages", func(w http.ResponseWriter, r *http.Request) { reply(w, srv.Messages(num(r, "chat"))) })
	mux.HandleFunc("POST /send", func(w http.ResponseWriter, r *http.Request) {
		if num(r, "user") <= 0 {
			http.Error(w, "user must be a positive id", http.StatusBadRequest)
			return
		}
		reply(w, map[string]int{"update_id": srv.SendText(user(r), r.FormValue("text"))})
	})
	mux.HandleFunc("POST /press", func(w http.ResponseWriter, r *http.Request) {
		chat, id := num(r, "chat"), int(num(r, "message"))
		for _, m := range srv.Messages(chat) {
			if m.ID == id {
				reply(w, map[string]string{"callback_query_id": srv.Press(user(r), m, r.FormValue("data"))})
				return
			}
		}
		http.Error(w, "no such message", http.StatusNotFound)
	})
	return mux
}
