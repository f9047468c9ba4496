package storetest

import (
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

func item(id string, created time.Time) storage.OutboxItem {
	return storage.OutboxItem{ID: id, Recipient: "rosa", Payload: []byte("mensaje " + id), Created: created}
}

func claim(t *testing.T, s storage.Store, now time.Time, limit int) []storage.OutboxItem {
	t.Helper()
	items, err := s.ClaimOutbox(t.Context(), now, time.Minute, limit)
	noErr(t, "ClaimOutbox", err)
	return items
}

func ids(items []storage.OutboxItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func wantClaim(t *testing.T, s storage.Store, what string, now time.Time, limit int, want ...string) []storage.OutboxItem {
	t.Helper()
	got := claim(t, s, now, limit)
	if g := ids(got); !slices.Equal(g, want) {
		t.Errorf("%s: claimed %v, want %v", what, g, want)
	}
	return got
}

func wantPending(t *testing.T, s storage.Store, want int) {
	t.Helper()
	n, err := s.PendingOutbox(t.Context())
	if err != nil || n != want {
		t.Errorf("PendingOutbox: got %d, %v; want %d", n, err, want)
	}
}

func testOutbox(t *testing.T, h Harness) {
	now := time.Now().Truncate(time.Millisecond)

	t.Run("claim, lease, ack", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("a", now), item("b", now)}})
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("c", now)}})
		wantPending(t, s, 3)

		got := wantClaim(t, s, "first claim", now, 10, "a", "b", "c")
		for i := 1; i < len(got); i++ {
			if got[i].Seq <= got[i-1].Seq {
				t.Errorf("Seq not increasing: %s has %d after %d", got[i].ID, got[i].Seq, got[i-1].Seq)
			}
		}
		if len(got) > 0 {
			first := got[0]
			if first.Recipient != "rosa" || string(first.Payload) != "mensaje a" || !first.Created.Equal(now) || first.Attempts != 0 {
				t.Errorf("claimed item: got %+v", first)
			}
		}
		wantClaim(t, s, "claim during the lease", now.Add(30*time.Second), 10)
		wantPending(t, s, 3)
		wantClaim(t, s, "claim after the lease", now.Add(2*time.Minute), 2, "a", "b")
		wantClaim(t, s, "claim of the rest", now.Add(2*time.Minute), 2, "c")

		noErr(t, "AckOutbox", s.AckOutbox(ctx, "b"))
		noErr(t, "AckOutbox of an unknown id", s.AckOutbox(ctx, "nada"))
		wantPending(t, s, 2)
		wantClaim(t, s, "claim after ack", now.Add(10*time.Minute), 10, "a", "c")
	})

	t.Run("retry", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("a", now), item("b", now)}})
		wantClaim(t, s, "claim", now, 10, "a", "b")
		noErr(t, "RetryOutbox", s.RetryOutbox(ctx, "a", now.Add(10*time.Minute), "429 too many requests"))
		wantClaim(t, s, "claim before notBefore", now.Add(5*time.Minute), 10, "b")
		got := wantClaim(t, s, "claim at notBefore", now.Add(10*time.Minute), 10, "a", "b")
		if len(got) == 2 && (got[0].Attempts != 1 || got[0].LastError != "429 too many requests") {
			t.Errorf("retried item: got Attempts %d LastError %q, want 1 and %q", got[0].Attempts, got[0].LastError, "429 too many requests")
		}
		noErr(t, "RetryOutbox again", s.RetryOutbox(ctx, "a", now.Add(20*time.Minute), "timeout"))
		got = wantClaim(t, s, "claim after second retry", now.Add(21*time.Minute), 10, "a", "b")
		if len(got) == 2 && (got[0].Attempts != 2 || got[0].LastError != "timeout") {
			t.Errorf("retried item: got Attempts %d LastError %q, want 2 and %q", got[0].Attempts, got[0].LastError, "timeout")
		}
		wantErr(t, "RetryOutbox of an unknown id", s.RetryOutbox(ctx, "nada", now, "x"), storage.ErrNotFound)
	})

	t.Run("NotBefore", func(t *testing.T) {
		s := h.Open(t)
		later := item("later", now)
		later.NotBefore = now.Add(time.Hour)
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{later, item("now", now)}})
		wantClaim(t, s, "claim before NotBefore", now, 10, "now")
		wantPending(t, s, 2)
		noErr(t, "AckOutbox", s.AckOutbox(t.Context(), "now"))
		got := wantClaim(t, s, "claim at NotBefore", now.Add(time.Hour), 10, "later")
		if len(got) == 1 && !got[0].NotBefore.Equal(later.NotBefore) {
			t.Errorf("NotBefore: got %v, want %v", got[0].NotBefore, later.NotBefore)
		}
	})

	t.Run("same id enqueued twice is stored once", func(t *testing.T) {
		s := h.Open(t)
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("x", now)}})
		again := item("x", now)
		again.Payload = []byte("otra vez")
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{again, item("y", now)}})
		wantPending(t, s, 2)
		got := wantClaim(t, s, "claim", now, 10, "x", "y")
		if len(got) == 2 && string(got[0].Payload) != "mensaje x" {
			t.Errorf("payload of x: got %q, want the first one %q", got[0].Payload, "mensaje x")
		}
	})
}
