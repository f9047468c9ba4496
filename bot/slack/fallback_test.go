package slack_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// TestUnreachableGoesToOtherPlatform: luis never opened the bot's chat on
// Telegram, where he is reached first ("chat not found"), but he is on
// Slack too: his notices go there, in order, and nobody is told he cannot
// be reached.
func TestUnreachableGoesToOtherPlatform(t *testing.T) {
	srv := slacktest.New(t)
	tg := telegramtest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	tg.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if c.Method == "sendMessage" && c.Params["chat_id"] == "2001" {
			return &telegramtest.Fault{Code: 400, Description: "Bad Request: chat not found"}
		}
		return nil
	})
	tgad, err := telegram.New(context.Background(), telegram.Config{Token: tg.Token(), Endpoint: tg.Endpoint(),
		HTTPClient: tg.Client(), PollTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var told []string
	r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()})
	r.disp = bottest.Dispatcher(st, r.eng, bot.DispatcherConfig{
		Unreachable: func(_ context.Context, recipient string, _ conversations.Message) {
			mu.Lock()
			defer mu.Unlock()
			told = append(told, recipient)
		},
	}, tgad, r.ad)
	var msgs []conversations.Message
	for _, text := range []string{"aviso 1", "aviso 2", "aviso 3"} {
		msgs = append(msgs, conversations.Message{To: "luis", Text: text}, conversations.Message{To: "rosa", Text: text})
	}
	if _, err := r.eng.Post(context.Background(), "fallback", msgs...); err != nil {
		t.Fatal(err)
	}
	r.start()
	srv.WaitMessage(t, luis, 2, "aviso 3", wait)
	tgWait(t, tg, tgRosa.ID, 0, "aviso 3")
	for i, m := range srv.BotMessages(luis) {
		if want := []string{"aviso 1", "aviso 2", "aviso 3"}[i]; m.Full() != want {
			t.Errorf("luis's Slack message %d = %q, want %q", i+1, m.Full(), want)
		}
	}
	if n := len(srv.BotMessages(rosa)); n != 0 {
		t.Errorf("rosa, reached on Telegram, got %d Slack messages", n)
	}
	slacktest.WaitFor(t, "an empty outbox", wait, func() bool { n, err := st.PendingOutbox(context.Background()); return err == nil && n == 0 })
	mu.Lock()
	defer mu.Unlock()
	if len(told) != 0 {
		t.Errorf("Unreachable told of %q, want nobody (Slack reached luis)", told)
	}
}
