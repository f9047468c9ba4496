package telegramtest_test

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

func ids(ups []tgbotapi.Update) []int {
	out := []int{}
	for _, u := range ups {
		out = append(out, u.UpdateID)
	}
	return out
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGetUpdatesOffsetSemantics(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	u1 := srv.SendText(ana, "uno")
	u2 := srv.SendText(beto, "dos")
	u3 := srv.SendText(ana, "tres")
	if !(u1 < u2 && u2 < u3) {
		t.Fatalf("update ids not increasing: %d %d %d", u1, u2, u3)
	}
	for range 2 { // without a later offset nothing is confirmed
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
		if err != nil || !equalInts(ids(ups), []int{u1, u2, u3}) {
			t.Fatalf("got %v, %v", ids(ups), err)
		}
	}
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u1, Limit: 1})
	if !equalInts(ids(ups), []int{u1}) || ups[0].Message.Text != "uno" {
		t.Fatalf("limit 1: %v", ids(ups))
	}
	ups, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: u2})
	if !equalInts(ids(ups), []int{u2, u3}) || srv.Pending() != 2 || srv.Confirmed() != 1 {
		t.Fatalf("offset u2: %v pending %d", ids(ups), srv.Pending())
	}

	// A restarted process that lost its offset gets the unconfirmed updates again, never u1.
	restarted := newBot(t, srv)
	ups, _ = restarted.GetUpdates(tgbotapi.UpdateConfig{})
	if !equalInts(ids(ups), []int{u2, u3}) || ups[0].Message.From.FirstName != "Beto <&>" {
		t.Fatalf("after restart: %v", ids(ups))
	}
	ups, _ = restarted.GetUpdates(tgbotapi.UpdateConfig{Offset: u1})
	if !equalInts(ids(ups), []int{u2, u3}) {
		t.Fatalf("an old offset cannot bring back confirmed updates: %v", ids(ups))
	}
	ups, _ = restarted.GetUpdates(tgbotapi.UpdateConfig{Offset: u3 + 1})
	if len(ups) != 0 || srv.Pending() != 0 {
		t.Fatalf("all confirmed: %v pending %d", ids(ups), srv.Pending())
	}
	u4 := srv.SendText(ana, "cuatro")
	if u4 != u3+1 {
		t.Fatalf("u4 %d", u4)
	}
	ups, _ = restarted.GetUpdates(tgbotapi.UpdateConfig{Offset: -1})
	if !equalInts(ids(ups), []int{u4}) {
		t.Fatalf("negative offset: %v", ids(ups))
	}
}

func TestLongPollWakesOnNewUpdate(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	type result struct {
		ups []tgbotapi.Update
		err error
		d   time.Duration
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 20})
		done <- result{ups, err, time.Since(start)}
	}()
	time.Sleep(150 * time.Millisecond)
	id := srv.SendText(ana, "hola")
	select {
	case r := <-done:
		if r.err != nil || !equalInts(ids(r.ups), []int{id}) || r.d > 5*time.Second {
			t.Fatalf("long poll: %v %v after %v", ids(r.ups), r.err, r.d)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("long poll did not wake")
	}

	start = time.Now()
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id + 1, Timeout: 1})
	if err != nil || len(ups) != 0 || time.Since(start) < 900*time.Millisecond {
		t.Fatalf("empty poll: %v %v in %v", ids(ups), err, time.Since(start))
	}
}

func TestLongPollBoundedAndSecondPollerConflicts(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithMaxPoll(300*time.Millisecond))
	bot := newBot(t, srv)
	start := time.Now()
	if ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 30}); err != nil || len(ups) != 0 || time.Since(start) > 3*time.Second {
		t.Fatalf("bounded poll: %v %v %v", ups, err, time.Since(start))
	}

	srv2 := telegramtest.New(t)
	first, second := newBot(t, srv2), newBot(t, srv2)
	errc := make(chan error, 1)
	go func() {
		_, err := first.GetUpdates(tgbotapi.UpdateConfig{Timeout: 10})
		errc <- err
	}()
	time.Sleep(150 * time.Millisecond)
	go func() { _, _ = second.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1}) }()
	select {
	case err := <-errc:
		if e := apiError(t, err); e.Code != 409 || !strings.Contains(e.Message, "terminated by other getUpdates request") {
			t.Fatalf("%+v", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("first poller not terminated")
	}
}
