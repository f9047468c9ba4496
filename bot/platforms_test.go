package bot_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// platformSender records what it delivers, as one platform.
type platformSender struct {
	name string
	mu   sync.Mutex
	got  []string // account: text
}

func (s *platformSender) Platform() string { return s.name }

func (s *platformSender) Send(_ context.Context, d *bot.Delivery) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, d.Account+": "+d.Message.Text)
	return nil
}

func (s *platformSender) delivered() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

// availability is which platforms are up, and how often each was asked.
type availability struct {
	mu    sync.Mutex
	down  map[string]bool
	asked map[string]int
}

func (a *availability) Up(platform string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.asked[platform]++
	return !a.down[platform]
}

func (a *availability) set(platform string, down bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.down[platform] = down
}

func (a *availability) times(platform string) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.asked[platform]
}

// TestRouterPassesOverDownPlatform: a person on two platforms is reached
// on the one that is up; one reached only by a platform that is down gets
// ErrPlatformDown, not ErrNoRoute.
func TestRouterPassesOverDownPlatform(t *testing.T) {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	tg, sl := &platformSender{name: "telegram"}, &platformSender{name: "slack"}
	up := &availability{down: map[string]bool{"telegram": true}, asked: map[string]int{}}
	r := bot.NewRouter(st, tg, sl)
	r.Up = up.Up
	ctx := context.Background()
	if s, acct, err := r.Route(ctx, "ana"); err != nil || s.Platform() != "slack" || acct != "U01ANA" {
		t.Errorf("ana (telegram and slack) with telegram down: %v %q %v, want slack U01ANA", s, acct, err)
	}
	if _, _, err := r.Route(ctx, "beto"); !errors.Is(err, bot.ErrPlatformDown) {
		t.Errorf("beto (telegram only) with telegram down: %v, want ErrPlatformDown", err)
	}
	if _, _, err := r.Route(ctx, "telegram:555"); !errors.Is(err, bot.ErrPlatformDown) {
		t.Errorf("an unregistered telegram chat with telegram down: %v, want ErrPlatformDown", err)
	}
	up.set("telegram", false)
	if s, acct, err := r.Route(ctx, "ana"); err != nil || s.Platform() != "telegram" || acct != "1001" {
		t.Errorf("ana with both up: %v %q %v, want telegram 1001 (first in order)", s, acct, err)
	}
}

// TestMessageWaitsForItsPlatform: while Telegram is down, a message to
// someone on Slack too goes there, and one to someone only on Telegram
// waits in the outbox (it was routed again, once ana's went out), its
// attempts not counted (one counted failure drops a message here), and goes out once Telegram is back.
func TestMessageWaitsForItsPlatform(t *testing.T) {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	eng := bottest.Engine(t, st)
	tg, sl := &platformSender{name: "telegram"}, &platformSender{name: "slack"}
	up := &availability{down: map[string]bool{"telegram": true}, asked: map[string]int{}}
	r := bot.NewRouter(st, tg, sl)
	r.Up = up.Up
	d := bot.NewDispatcher(st, eng, r, bot.DispatcherConfig{Poll: bottest.Poll, MaxAttempts: 1})
	ctx := context.Background()
	if _, err := eng.Post(ctx, "down", conversations.Message{To: "ana", Text: "para ana"}, conversations.Message{To: "beto", Text: "para beto"}); err != nil {
		t.Fatal(err)
	}
	bottest.Run(t, func(ctx context.Context) { _ = d.Run(ctx) })
	waitFor(t, "ana's message on Slack", func() bool { return len(sl.delivered()) == 1 })
	waitFor(t, "beto's message routed again", func() bool { return up.times("telegram") >= 3 })
	if got := tg.delivered(); len(got) != 0 {
		t.Errorf("telegram, down, delivered %q", got)
	}
	if n, _ := st.PendingOutbox(ctx); n != 1 {
		t.Errorf("outbox holds %d messages while telegram is down, want beto's", n)
	}
	up.set("telegram", false)
	waitFor(t, "beto's message on Telegram", func() bool { return len(tg.delivered()) == 1 })
	if got := tg.delivered()[0]; got != "1002: para beto" {
		t.Errorf("telegram delivered %q, want beto's message", got)
	}
	if got := sl.delivered()[0]; got != "U01ANA: para ana" {
		t.Errorf("slack delivered %q, want ana's message", got)
	}
	waitFor(t, "an empty outbox", func() bool { n, err := st.PendingOutbox(ctx); return err == nil && n == 0 })
}

// waitFor waits for cond, failing the test after bottest.Wait.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(bottest.Wait)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within %v", what, bottest.Wait)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
