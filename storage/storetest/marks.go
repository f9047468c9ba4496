package storetest

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// markChange is a commit of update n of stream with, when data is not
// empty, a write of the stream's dialog and one outbox item.
func markChange(stream string, n int64, ttl time.Duration, data string, expect int64) storage.Change {
	c := storage.Change{Mark: storage.UpdateMark{Stream: stream, N: n, TTL: ttl}}
	if data != "" {
		c.Dialogs = []storage.DialogWrite{{Dialog: storage.Dialog{Person: stream, Data: []byte(data), Updated: base},
			Expect: expect, TTL: keep}}
		c.Outbox = []storage.OutboxItem{item(stream+"-"+data, base)}
	}
	return c
}

// testMarks: a stream's mark recognises any update at or below it, with or
// without a dialog beside it, and outlives the dialog's end.
func testMarks(t *testing.T, h Harness) {
	t.Run("numbers", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, markChange("rosa", 10, keep, "uno", 0))
		_, err := s.Commit(ctx, markChange("rosa", 10, keep, "otra", 1))
		wantErr(t, "the same update again", err, storage.ErrDuplicate)
		_, err = s.Commit(ctx, markChange("rosa", 9, keep, "otra", 1))
		wantErr(t, "an earlier update", err, storage.ErrDuplicate)
		wantDialog(t, s, "rosa", "uno", 1)
		wantPending(t, s, 1)

		// Another sender's updates are independent of rosa's numbers.
		MustCommit(t, s, markChange("luis", 4, keep, "uno", 0))
		// A later update that writes no dialog keeps the dialog as it was.
		MustCommit(t, s, markChange("rosa", 11, keep, "", 0))
		wantDialog(t, s, "rosa", "uno", 1)
		_, err = s.Commit(ctx, markChange("rosa", 11, keep, "", 0))
		wantErr(t, "the update without a dialog again", err, storage.ErrDuplicate)
		MustCommit(t, s, markChange("rosa", 12, keep, "dos", 1))
		wantDialog(t, s, "rosa", "dos", 2)
	})
	t.Run("after the dialog ends", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, markChange("rosa", 20, keep, "uno", 0))
		end := markChange("rosa", 21, keep, "", 0)
		end.Dialogs = []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa"}, Expect: 1, Delete: true}}
		MustCommit(t, s, end)
		_, err := s.Dialog(ctx, "rosa")
		wantErr(t, "Dialog after its end", err, storage.ErrNotFound)
		_, err = s.Commit(ctx, markChange("rosa", 21, keep, "de nuevo", 0))
		wantErr(t, "the ending update again", err, storage.ErrDuplicate)
		_, err = s.Dialog(ctx, "rosa")
		wantErr(t, "Dialog after the duplicate", err, storage.ErrNotFound)
		MustCommit(t, s, markChange("rosa", 22, keep, "nuevo", 0))
		wantDialog(t, s, "rosa", "nuevo", 1)
	})
}
