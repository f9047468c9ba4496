package storetest

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// testOutboxProgress: how far the delivery of an item in several platform
// calls got is kept with the item, through a failed attempt, a lease that
// runs out and a restart, so that no later attempt repeats the calls made.
func testOutboxProgress(t *testing.T, h Harness) {
	now := time.Now().Truncate(time.Millisecond)
	s := h.Open(t)
	ctx := t.Context()
	MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("largo", now), item("corto", now)}})
	got := wantClaim(t, s, "first claim", now, 10, "largo", "corto")
	if len(got) == 2 && (got[0].Sent != 0 || got[1].Sent != 0) {
		t.Errorf("new items: Sent %d and %d, want 0", got[0].Sent, got[1].Sent)
	}

	noErr(t, "ProgressOutbox", s.ProgressOutbox(ctx, "largo", 1))
	noErr(t, "ProgressOutbox", s.ProgressOutbox(ctx, "largo", 2))
	wantClaim(t, s, "claim during the lease", now.Add(30*time.Second), 10)
	got = wantClaim(t, s, "claim after the lease", now.Add(2*time.Minute), 10, "largo", "corto")
	if len(got) == 2 && (got[0].Sent != 2 || got[1].Sent != 0) {
		t.Errorf("after progress: Sent %d and %d, want 2 and 0", got[0].Sent, got[1].Sent)
	}

	noErr(t, "RetryOutbox", s.RetryOutbox(ctx, "largo", now.Add(5*time.Minute), "429"))
	if h.Restart != nil {
		s = h.Restart(t, s)
	}
	got = wantClaim(t, s, "claim after a failed attempt", now.Add(10*time.Minute), 10, "largo", "corto")
	if len(got) == 2 && (got[0].Sent != 2 || got[0].Attempts != 1) {
		t.Errorf("after a failed attempt: Sent %d Attempts %d, want 2 and 1", got[0].Sent, got[0].Attempts)
	}

	noErr(t, "AckOutbox", s.AckOutbox(ctx, "largo"))
	wantErr(t, "ProgressOutbox of a delivered item", s.ProgressOutbox(ctx, "largo", 3), storage.ErrNotFound)
	wantPending(t, s, 1)
	wantClaim(t, s, "claim after ack", now.Add(20*time.Minute), 10, "corto")
}
