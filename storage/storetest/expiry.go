package storetest

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// Short and long lifetimes: everything set with ttl is gone after wait,
// everything set with keep is not.
const (
	ttl  = 300 * time.Millisecond
	wait = 700 * time.Millisecond
	keep = time.Hour
)

// testExpiry sets every kind of expiring record, sleeps once, and checks what
// expired and what did not.
func testExpiry(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()

	// Long-lived records first, so the short ones are checked soon after they are set.
	noErr(t, "save long dialog", saveDialog(t, s, "luis", "largo", 0, keep))
	noErr(t, "save dialog then refresh", saveDialog(t, s, "ana", "uno", 0, ttl))
	noErr(t, "refresh dialog", saveDialog(t, s, "ana", "dos", 1, keep))
	if ok, _ := s.MarkSeen(ctx, "seen-long", keep); !ok {
		t.Fatalf("MarkSeen(seen-long): got false, want true")
	}
	noErr(t, "SetValue forever", s.SetValue(ctx, "v-forever", []byte("y"), 0))
	if ok, err := s.TryLock(ctx, "lock-refreshed", "a", ttl); err != nil || !ok {
		t.Fatalf("TryLock(lock-refreshed): got %v, %v; want true", ok, err)
	}
	if ok, err := s.TryLock(ctx, "lock-refreshed", "a", keep); err != nil || !ok {
		t.Fatalf("TryLock re-entrant: got %v, %v; want true", ok, err)
	}

	noErr(t, "save short dialog", saveDialog(t, s, "rosa", "corto", 0, ttl))
	if ok, err := s.MarkSeen(ctx, "seen-short", ttl); err != nil || !ok {
		t.Fatalf("MarkSeen: got %v, %v; want true", ok, err)
	}
	MustCommit(t, s, storage.Change{Seen: "commit-short", SeenTTL: ttl})
	MustCommit(t, s, markChange("mark-short", 500, ttl, "", 0))
	noErr(t, "SetValue short", s.SetValue(ctx, "v-short", []byte("x"), ttl))
	if ok, err := s.TryLock(ctx, "lock-short", "a", ttl); err != nil || !ok {
		t.Fatalf("TryLock(lock-short): got %v, %v; want true", ok, err)
	}

	// Before expiry everything is there.
	wantDialog(t, s, "rosa", "corto", 1)
	if ok, _ := s.MarkSeen(ctx, "seen-short", ttl); ok {
		t.Errorf("MarkSeen before expiry: got true, want false")
	}
	_, err := s.Commit(ctx, markChange("mark-short", 7, keep, "", 0))
	wantErr(t, "a lower number while the mark counts", err, storage.ErrDuplicate)
	if v, err := s.Value(ctx, "v-short"); err != nil || string(v) != "x" {
		t.Errorf("Value before expiry: got %q, %v; want x", v, err)
	}
	if ok, _ := s.TryLock(ctx, "lock-short", "b", ttl); ok {
		t.Errorf("TryLock by another owner before expiry: got true, want false")
	}

	time.Sleep(wait)

	t.Run("dialog", func(t *testing.T) {
		_, err := s.Dialog(ctx, "rosa")
		wantErr(t, "Dialog after its TTL", err, storage.ErrNotFound)
		wantDialog(t, s, "luis", "largo", 1)
		wantDialog(t, s, "ana", "dos", 2)
		noErr(t, "save Expect 0 after expiry", saveDialog(t, s, "rosa", "nuevo", 0, keep))
		wantDialog(t, s, "rosa", "nuevo", 1)
	})
	t.Run("seen", func(t *testing.T) {
		if ok, err := s.MarkSeen(ctx, "seen-short", keep); err != nil || !ok {
			t.Errorf("MarkSeen after expiry: got %v, %v; want true", ok, err)
		}
		if ok, _ := s.MarkSeen(ctx, "seen-long", keep); ok {
			t.Errorf("MarkSeen(seen-long): got true, want false")
		}
		_, err := s.Commit(ctx, storage.Change{Seen: "commit-short", SeenTTL: keep})
		noErr(t, "Commit with an expired Seen", err)
		_, err = s.Commit(ctx, storage.Change{Seen: "commit-short", SeenTTL: keep})
		wantErr(t, "Commit with the renewed Seen", err, storage.ErrDuplicate)
		// Numbers that restart lower after a quiet spell are applied.
		MustCommit(t, s, markChange("mark-short", 7, keep, "uno", 0))
		wantDialog(t, s, "mark-short", "uno", 1)
	})
	t.Run("values", func(t *testing.T) {
		_, err := s.Value(ctx, "v-short")
		wantErr(t, "Value after its ttl", err, storage.ErrNotFound)
		if v, err := s.Value(ctx, "v-forever"); err != nil || string(v) != "y" {
			t.Errorf("Value with ttl 0: got %q, %v; want y", v, err)
		}
	})
	t.Run("locks", func(t *testing.T) {
		if ok, err := s.TryLock(ctx, "lock-short", "b", keep); err != nil || !ok {
			t.Errorf("TryLock after expiry: got %v, %v; want true", ok, err)
		}
		if ok, _ := s.TryLock(ctx, "lock-refreshed", "b", keep); ok {
			t.Errorf("TryLock of a refreshed lock: got true, want false")
		}
	})
}
