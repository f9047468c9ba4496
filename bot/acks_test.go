package bot

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// countedAcks is a real store whose AckOutbox calls are counted; the first
// one waits until release is closed.
type countedAcks struct {
	storage.Store
	mu      sync.Mutex
	calls   [][]string
	release chan struct{}
}

func (c *countedAcks) AckOutbox(ctx context.Context, ids ...string) error {
	c.mu.Lock()
	first := len(c.calls) == 0
	c.calls = append(c.calls, ids)
	c.mu.Unlock()
	if first {
		<-c.release
	}
	return c.Store.AckOutbox(ctx, ids...)
}

// TestAcksTogether: acks that arrive while one is being written are
// written together in the next store call, and each caller returns once
// its own message is out of the outbox.
func TestAcksTogether(t *testing.T) {
	st := convtest.SQLite(t)
	ctx := t.Context()
	const n = 20
	var items []storage.OutboxItem
	for i := range n {
		items = append(items, storage.OutboxItem{ID: fmt.Sprintf("m%02d", i), Recipient: fmt.Sprintf("p%02d", i),
			Payload: []byte("aviso"), Created: time.Now()})
	}
	if _, err := st.Commit(ctx, storage.Change{Outbox: items}); err != nil {
		t.Fatal(err)
	}
	c := &countedAcks{Store: st, release: make(chan struct{})}
	a := &acks{st: c}
	errs := make(chan error, n)
	go func() { errs <- a.ack(ctx, "m00") }()
	waitFor(t, "the first ack to be under way", func() bool { c.mu.Lock(); defer c.mu.Unlock(); return len(c.calls) == 1 })
	for i := 1; i < n; i++ {
		go func() { errs <- a.ack(ctx, fmt.Sprintf("m%02d", i)) }()
	}
	waitFor(t, "the other acks to queue", func() bool { a.mu.Lock(); defer a.mu.Unlock(); return len(a.queue) == n-1 })
	close(c.release)
	for range n {
		if err := <-errs; err != nil {
			t.Fatalf("ack: %v", err)
		}
	}
	if left, err := st.PendingOutbox(ctx); err != nil || left != 0 {
		t.Errorf("PendingOutbox after every ack returned: got %d, %v; want 0", left, err)
	}
	if len(c.calls) != 2 || len(c.calls[1]) != n-1 {
		t.Errorf("store calls: got %d (%v), want 2: the first ack, then the %d that queued behind it", len(c.calls), c.calls, n-1)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: gave up", what)
		}
		time.Sleep(time.Millisecond)
	}
}
