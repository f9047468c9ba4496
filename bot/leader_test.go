package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
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

// TestOneDispatcherLeads: with two replicas on one Redis, started at once,
// every message is delivered once, all by whichever leads; when the leader
// stops, the other takes over and delivers what comes next.
func TestOneDispatcherLeads(t *testing.T) {
	st := convtest.Redis(t)
	convtest.Seed(t, st)
	e, err := conversations.New(conversations.Config{Location: convtest.Location()}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	l := &ledger{got: map[string]string{}}
	ctx := context.Background()
	type replica struct {
		stop context.CancelFunc
		done chan struct{}
	}
	replicas := map[string]replica{}
	for _, name := range []string{"A", "B"} {
		s := &countingSender{name: name, l: l}
		d := bot.NewDispatcher(st, e, bot.NewRouter(st, s), bot.DispatcherConfig{Poll: 20 * time.Millisecond, LeaderTTL: 300 * time.Millisecond})
		c, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); _ = d.Run(c) }()
		replicas[name] = replica{cancel, done}
	}
	defer func() {
		for _, r := range replicas {
			r.stop()
			<-r.done
		}
	}()
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
	// byWhom is who delivered the messages whose text starts with prefix.
	byWhom := func(prefix string) map[string]int {
		by := map[string]int{}
		for text, who := range l.snapshot() {
			if strings.HasPrefix(text, prefix) {
				by[who]++
			}
		}
		return by
	}

	post(20, "antes")
	waitDelivered(20)
	by := byWhom("antes")
	if len(by) != 1 {
		t.Fatalf("messages delivered by %v, want all by the leader", by)
	}
	var leader, other string
	for name := range by {
		leader = name
	}
	for name := range replicas {
		if name != leader {
			other = name
		}
	}
	replicas[leader].stop()
	<-replicas[leader].done
	delete(replicas, leader)
	post(10, "despues")
	waitDelivered(30)
	if by := byWhom("despues"); by[other] != 10 {
		t.Errorf("after %s stopped, messages delivered by %v, want all 10 by %s", leader, by, other)
	}
}

// TestRestartedReplicaLeadsAtOnce: a replica started again after a crash,
// with the same Owner, takes the outbox over from its dead predecessor at
// once, although the lock it left would hold another minute.
func TestRestartedReplicaLeadsAtOnce(t *testing.T) {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	e := bottest.Engine(t, st)
	ctx := context.Background()
	if ok, err := st.TryLock(ctx, "outbox:dispatcher", "host-1 127.0.0.1:8080", time.Minute); err != nil || !ok {
		t.Fatalf("the dead predecessor's lock: %v %v", ok, err)
	}
	l := &ledger{got: map[string]string{}}
	d := bot.NewDispatcher(st, e, bot.NewRouter(st, &countingSender{name: "again", l: l}),
		bot.DispatcherConfig{Poll: 20 * time.Millisecond, LeaderTTL: time.Minute, Owner: "host-1 127.0.0.1:8080"})
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Run(c) }()
	defer func() { cancel(); <-done }()
	if _, err := e.Post(ctx, "after-crash", conversations.Message{To: "rosa", Text: "después de la caída"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the message delivered", func() bool { return len(l.snapshot()) == 1 })
}

// TestRestartedReplicaResendsInOrder: what a crashed replica had claimed
// (and maybe sent) goes out again at once when it restarts, before what
// was queued since: a repeated message follows its original, never a
// later one.
func TestRestartedReplicaResendsInOrder(t *testing.T) {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	e := bottest.Engine(t, st)
	ctx := context.Background()
	const owner = "host-1 127.0.0.1:8080"
	if _, err := e.Post(ctx, "before", conversations.Message{To: "rosa", Text: "antes de la caída"}); err != nil {
		t.Fatal(err)
	}
	// The dead process held the lead and had claimed the message for a minute.
	if ok, err := st.TryLock(ctx, "outbox:dispatcher", owner, time.Minute); err != nil || !ok {
		t.Fatalf("the dead predecessor's lock: %v %v", ok, err)
	}
	if items, err := st.ClaimOutbox(ctx, time.Now(), time.Minute, 10); err != nil || len(items) != 1 {
		t.Fatalf("the dead predecessor's claim: %v %v", items, err)
	}
	if _, err := e.Post(ctx, "after", conversations.Message{To: "rosa", Text: "después de la caída"}); err != nil {
		t.Fatal(err)
	}
	s := &orderSender{}
	d := bot.NewDispatcher(st, e, bot.NewRouter(st, s),
		bot.DispatcherConfig{Poll: 20 * time.Millisecond, LeaderTTL: time.Minute, Lease: time.Minute, Owner: owner})
	c, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); _ = d.Run(c) }()
	defer func() { cancel(); <-done }()
	waitFor(t, "both messages delivered", func() bool { return len(s.texts()) == 2 })
	if got := s.texts(); got[0] != "antes de la caída" {
		t.Errorf("delivered %q, want the message claimed before the crash first", got)
	}
}

// orderSender records the texts it delivers, in order.
type orderSender struct {
	mu  sync.Mutex
	got []string
}

func (s *orderSender) Platform() string { return "console" }

func (s *orderSender) Send(_ context.Context, d *bot.Delivery) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, d.Message.Text)
	return nil
}

func (s *orderSender) texts() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}
