package bot_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// ledger records which dispatcher delivered each message.
type ledger struct {
	mu  sync.Mutex
	got map[string]string // text -> dispatcher
}

func (l *ledger) snapshot() map[string]string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]string, len(l.got))
	for k, v := range l.got {
		out[k] = v
	}
	return out
}

// countingSender delivers into the ledger as one dispatcher.
type countingSender struct {
	name string
	l    *ledger
}

func (s *countingSender) Platform() string { return "console" }

func (s *countingSender) Send(_ context.Context, d *bot.Delivery) error {
	m := d.Message
	s.l.mu.Lock()
	defer s.l.mu.Unlock()
	if prev, ok := s.l.got[m.Text]; ok {
		return fmt.Errorf("%q delivered twice (by %s, then %s)", m.Text, prev, s.name)
	}
	s.l.got[m.Text] = s.name
	return nil
}

// TestOneDispatcherLeads: with two replicas on one Redis, every message is
// delivered once, by the leader; when the leader stops, the other takes
// over and delivers what comes next.
func TestOneDispatcherLeads(t *testing.T) {
	st := convtest.Redis(t)
	convtest.Seed(t, st)
	e, err := conversations.New(conversations.Config{Location: convtest.Location()}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	l := &ledger{got: map[string]string{}}
	ctx := context.Background()
	start := func(name string) (context.CancelFunc, chan struct{}) {
		s := &countingSender{name: name, l: l}
		d := bot.NewDispatcher(st, e, bot.NewRouter(st, s), bot.DispatcherConfig{Poll: 20 * time.Millisecond, LeaderTTL: 300 * time.Millisecond})
		c, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); _ = d.Run(c) }()
		return cancel, done
	}
	post := func(n int, prefix string) {
		for i := 0; i < n; i++ {
			if _, err := e.Post(ctx, fmt.Sprintf("%s-%d", prefix, i), conversations.Message{To: "rosa", Text: fmt.Sprintf("%s %d", prefix, i)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitDelivered := func(n int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if p, _ := st.PendingOutbox(ctx); p == 0 && len(l.snapshot()) >= n {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("delivered %d of %d", len(l.snapshot()), n)
	}

	stopA, doneA := start("A")
	time.Sleep(100 * time.Millisecond) // A takes the lead first
	stopB, doneB := start("B")
	defer func() { stopB(); <-doneB }()
	post(20, "antes")
	waitDelivered(20)
	for text, by := range l.snapshot() {
		if by != "A" {
			t.Errorf("%q delivered by %s while A leads", text, by)
		}
	}
	stopA()
	<-doneA
	post(10, "despues")
	waitDelivered(30)
	for text, by := range l.snapshot() {
		if len(text) > 7 && text[:7] == "despues" && by != "B" {
			t.Errorf("%q delivered by %s after A stopped", text, by)
		}
	}
}
