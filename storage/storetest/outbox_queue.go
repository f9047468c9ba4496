package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

// testOutboxQueue covers how a deep outbox behaves: acks of many items at
// once, items in flight that do not hold back the ones behind them, and
// Seq order among items that become due together.
func testOutboxQueue(t *testing.T, h Harness) {
	now := time.Now().Truncate(time.Millisecond)

	t.Run("ack many at once", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{
			item("a", now), item("b", now), item("c", now), item("d", now), item("e", now)}})
		wantClaim(t, s, "claim", now, 10, "a", "b", "c", "d", "e")
		noErr(t, "AckOutbox of three and an unknown id", s.AckOutbox(ctx, "a", "c", "nada", "e"))
		noErr(t, "AckOutbox of none", s.AckOutbox(ctx))
		wantPending(t, s, 2)
		wantClaim(t, s, "claim after the lease", now.Add(2*time.Minute), 10, "b", "d")
	})

	t.Run("ack or retry before any claim", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("a", now), item("b", now), item("c", now)}})
		noErr(t, "AckOutbox", s.AckOutbox(ctx, "a"))
		noErr(t, "RetryOutbox", s.RetryOutbox(ctx, "b", now.Add(time.Hour), "later"))
		wantPending(t, s, 2)
		wantClaim(t, s, "claim", now, 10, "c")
		noErr(t, "AckOutbox", s.AckOutbox(ctx, "c"))
		wantClaim(t, s, "claim when b is due", now.Add(time.Hour), 10, "b")
	})

	t.Run("items in flight do not hold back the next", func(t *testing.T) {
		s := h.Open(t)
		const inFlight = 300
		var first []storage.OutboxItem
		var firstIDs []string
		for i := range inFlight {
			id := fmt.Sprintf("q%03d", i)
			first = append(first, item(id, now))
			firstIDs = append(firstIDs, id)
		}
		MustCommit(t, s, storage.Change{Outbox: first})
		if got := claim(t, s, now, inFlight); len(got) != inFlight {
			t.Fatalf("claim of the first %d: got %d items", inFlight, len(got))
		}
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("x", now), item("y", now)}})
		wantClaim(t, s, "claim while the first are in flight", now.Add(time.Second), 10, "x", "y")
		wantPending(t, s, inFlight+2)
		// When the lease ends, the first come back ahead of anything newer.
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("z", now)}})
		got := ids(claim(t, s, now.Add(2*time.Minute), inFlight+10))
		want := append(slices.Clone(firstIDs), "x", "y", "z")
		if !slices.Equal(got, want) {
			t.Errorf("claim after the lease: got %d items %v…, want the %d first, then x, y, z", len(got), got[:min(len(got), 5)], inFlight)
		}
	})

	t.Run("items due together keep Seq order", func(t *testing.T) {
		s := h.Open(t)
		later := func(id string) storage.OutboxItem {
			it := item(id, now)
			it.NotBefore = now.Add(time.Hour)
			return it
		}
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{later("z1"), item("m", now), later("a2"), later("k3")}})
		MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("n", now)}})
		wantClaim(t, s, "claim before they are due", now, 10, "m", "n")
		noErr(t, "AckOutbox", s.AckOutbox(t.Context(), "m", "n"))
		wantClaim(t, s, "claim when they are due", now.Add(time.Hour), 2, "z1", "a2")
		wantClaim(t, s, "claim of the rest", now.Add(time.Hour), 2, "k3")
	})
}
