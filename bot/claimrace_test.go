package bot_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// racingStore holds the answer of the second claim until the first
// message it returns was delivered and acknowledged and the next one is
// being sent: the order of a claim that raced an ack.
type racingStore struct {
	storage.Store
	claims   atomic.Int32
	claimed  chan struct{} // closed once the second claim read the store
	nextSent chan struct{} // closed once the message after the first is being sent
}

func (s *racingStore) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]storage.OutboxItem, error) {
	items, err := s.Store.ClaimOutbox(ctx, now, lease, limit)
	if s.claims.Add(1) == 2 {
		close(s.claimed)
		<-s.nextSent
	}
	return items, err
}

// orderedSender counts each text; "uno" waits for the racing claim, "dos"
// says it is being sent.
type orderedSender struct {
	s    *racingStore
	mu   sync.Mutex
	sent map[string]int
	once sync.Once
}

func (o *orderedSender) Platform() string { return "console" }

func (o *orderedSender) Send(_ context.Context, d *bot.Delivery) error {
	switch d.Message.Text {
	case "uno":
		<-o.s.claimed
	case "dos":
		o.once.Do(func() { close(o.s.nextSent) })
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.sent[d.Message.Text]++
	return nil
}

func (o *orderedSender) count(text string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.sent[text]
}

// TestClaimRacingAnAck: a claim that read the store while a message was
// still unacknowledged, and answers after it was delivered, does not send
// it a second time.
func TestClaimRacingAnAck(t *testing.T) {
	st := convtest.Redis(t)
	convtest.Seed(t, st)
	e, err := conversations.New(conversations.Config{Location: convtest.Location()}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	rs := &racingStore{Store: st, claimed: make(chan struct{}), nextSent: make(chan struct{})}
	snd := &orderedSender{s: rs, sent: map[string]int{}}
	// A lease shorter than the poll: the second claim finds both messages
	// due again while the first is being sent.
	d := bot.NewDispatcher(rs, e, bot.NewRouter(st, snd), bot.DispatcherConfig{Lease: time.Millisecond, Poll: 20 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	defer func() { cancel(); <-done }()
	if _, err := e.Post(ctx, "racing", conversations.Message{To: "rosa", Text: "uno"}, conversations.Message{To: "rosa", Text: "dos"}); err != nil {
		t.Fatal(err)
	}
	go func() { defer close(done); _ = d.Run(ctx) }()

	// A later message to the same person goes out after anything queued
	// for her before it, so once it is out a second "uno" would be too.
	<-rs.nextSent
	if _, err := e.Post(ctx, "after", conversations.Message{To: "rosa", Text: "tres"}); err != nil {
		t.Fatal(err)
	}
	d.Wake()
	for deadline := time.Now().Add(10 * time.Second); snd.count("tres") == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the later message was never sent")
		}
	}
	if n := snd.count("uno"); n != 1 {
		t.Errorf("the message acknowledged while a claim ran was sent %d times, want 1", n)
	}
}
