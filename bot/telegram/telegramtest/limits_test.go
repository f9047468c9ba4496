package telegramtest_test

import (
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

func TestInjected429SurfacesRetryAfter(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	srv.FailNext("sendMessage", 429, 2)
	_, err := bot.Send(tgbotapi.NewMessage(ana.ID, "uno"))
	e := apiError(t, err)
	if e.Code != 429 || e.RetryAfter != 2 || e.Message != "Too Many Requests: retry after 2" {
		t.Fatalf("%+v", e)
	}
	// Sending to that chat before retry_after passes is a violation, answered 429 again.
	_, err = bot.Send(tgbotapi.NewMessage(ana.ID, "uno"))
	if e := apiError(t, err); e.Code != 429 || e.RetryAfter < 1 {
		t.Fatalf("%+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(beto.ID, "otro chat")); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	if srv.Injected() != 1 || srv.TooMany() != 1 || srv.Malformed() != 0 {
		t.Fatalf("injected %d tooMany %d", srv.Injected(), srv.TooMany())
	}
	time.Sleep(2 * time.Second)
	if _, err := bot.Send(tgbotapi.NewMessage(ana.ID, "uno")); err != nil {
		t.Fatalf("after retry_after: %v", err)
	}

	// Multipart uploads report the code only through the retry_after.
	srv.FailNext("sendDocument", 429, 3)
	_, err = bot.Send(tgbotapi.NewDocument(beto.ID, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")}))
	if e := apiError(t, err); e.RetryAfter != 3 {
		t.Fatalf("%+v", e)
	}
}

func TestFaultHookAndBlock(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if c.Method == "sendMessage" && c.Params["chat_id"] == "1002" {
			return &telegramtest.Fault{Code: 502}
		}
		return nil
	})
	_, err := bot.Send(tgbotapi.NewMessage(beto.ID, "x"))
	if e := apiError(t, err); e.Code != 502 || e.Message != "Bad Gateway" {
		t.Fatalf("%+v", e)
	}
	srv.SetFault(nil)
	srv.Block(ana.ID)
	_, err = bot.Send(tgbotapi.NewMessage(ana.ID, "x"))
	if e := apiError(t, err); e.Code != 403 || e.Message != "Forbidden: bot was blocked by the user" {
		t.Fatalf("%+v", e)
	}
	srv.Unblock(ana.ID)
	if _, err := bot.Send(tgbotapi.NewMessage(ana.ID, "x")); err != nil {
		t.Fatal(err)
	}
	if srv.Malformed() != 0 || srv.TooMany() != 0 {
		t.Fatalf("malformed %d tooMany %d", srv.Malformed(), srv.TooMany())
	}
}

func TestPerChatRateLimit(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	for i := range 3 { // the burst
		if _, err := bot.Send(tgbotapi.NewMessage(ana.ID, "ráfaga")); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	_, err := bot.Send(tgbotapi.NewMessage(ana.ID, "una de más"))
	if e := apiError(t, err); e.Code != 429 || e.RetryAfter != 1 {
		t.Fatalf("%+v", e)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(beto.ID, "otro chat")); err != nil {
		t.Fatalf("other chat: %v", err)
	}
	if srv.TooMany() != 1 || len(srv.BotMessages(ana.ID)) != 3 {
		t.Fatalf("tooMany %d", srv.TooMany())
	}
	time.Sleep(1100 * time.Millisecond)
	if _, err := bot.Send(tgbotapi.NewMessage(ana.ID, "a tiempo")); err != nil {
		t.Fatalf("after a second: %v", err)
	}
}

func TestGroupAndGlobalLimits(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLimits(telegramtest.Limits{Burst: 100, GroupPerMinute: 20, Global: 0.1, GlobalBurst: 25}))
	bot := newBot(t, srv)
	const group = -100123
	for i := range 20 {
		if _, err := bot.Send(tgbotapi.NewMessage(group, "grupo")); err != nil {
			t.Fatalf("group message %d: %v", i, err)
		}
	}
	_, err := bot.Send(tgbotapi.NewMessage(group, "21"))
	if e := apiError(t, err); e.Code != 429 || e.RetryAfter < 55 {
		t.Fatalf("group: %+v", e)
	}
	for i := range 5 {
		if _, err := bot.Send(tgbotapi.NewMessage(int64(2000+i), "bulk")); err != nil {
			t.Fatalf("bulk %d: %v", i, err)
		}
	}
	_, err = bot.Send(tgbotapi.NewMessage(3000, "26th in a second"))
	if e := apiError(t, err); e.Code != 429 {
		t.Fatalf("global: %+v", e)
	}
	if srv.TooMany() != 2 {
		t.Fatalf("tooMany %d", srv.TooMany())
	}
}

func TestKnownChatsOnly(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithKnownChatsOnly(), telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	_, err := bot.Send(tgbotapi.NewMessage(ana.ID, "hola"))
	if e := apiError(t, err); e.Code != 403 || e.Message != "Forbidden: bot can't initiate conversation with a user" {
		t.Fatalf("%+v", e)
	}
	srv.SendText(ana, "/start")
	if _, err := bot.Send(tgbotapi.NewMessage(ana.ID, "hola")); err != nil {
		t.Fatal(err)
	}
}
