package storetest

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// saveDialog commits one dialog write and returns the error.
func saveDialog(t *testing.T, s storage.Store, person, data string, expect int64, ttl time.Duration) error {
	t.Helper()
	_, err := s.Commit(t.Context(), storage.Change{Dialogs: []storage.DialogWrite{{
		Dialog: storage.Dialog{Person: person, Data: []byte(data), Updated: base},
		Expect: expect, TTL: ttl}}})
	return err
}

func deleteDialog(t *testing.T, s storage.Store, person string, expect int64) error {
	t.Helper()
	_, err := s.Commit(t.Context(), storage.Change{Dialogs: []storage.DialogWrite{{
		Dialog: storage.Dialog{Person: person}, Expect: expect, Delete: true}}})
	return err
}

func wantDialog(t *testing.T, s storage.Store, person, data string, version int64) {
	t.Helper()
	d, err := s.Dialog(t.Context(), person)
	if err != nil {
		t.Fatalf("Dialog(%q): %v", person, err)
	}
	if string(d.Data) != data || d.Version != version || d.Person != person {
		t.Errorf("Dialog(%q): got person %q data %q version %d, want data %q version %d",
			person, d.Person, d.Data, d.Version, data, version)
	}
}

func testDialogs(t *testing.T, h Harness) {
	t.Run("compare and set", func(t *testing.T) {
		s := h.Open(t)
		_, err := s.Dialog(t.Context(), "rosa")
		wantErr(t, "Dialog before any save", err, storage.ErrNotFound)

		noErr(t, "save Expect 0", saveDialog(t, s, "rosa", `{"paso":1}`, 0, time.Hour))
		wantDialog(t, s, "rosa", `{"paso":1}`, 1)
		d, _ := s.Dialog(t.Context(), "rosa")
		if !d.Updated.Equal(base) {
			t.Errorf("Updated: got %v, want %v", d.Updated, base)
		}

		wantErr(t, "save Expect 0 over version 1", saveDialog(t, s, "rosa", "x", 0, time.Hour), storage.ErrConflict)
		wantErr(t, "save Expect 2 over version 1", saveDialog(t, s, "rosa", "x", 2, time.Hour), storage.ErrConflict)
		wantDialog(t, s, "rosa", `{"paso":1}`, 1)

		noErr(t, "save Expect 1", saveDialog(t, s, "rosa", `{"paso":2}`, 1, time.Hour))
		wantDialog(t, s, "rosa", `{"paso":2}`, 2)

		wantErr(t, "delete Expect 1 over version 2", deleteDialog(t, s, "rosa", 1), storage.ErrConflict)
		noErr(t, "delete Expect 2", deleteDialog(t, s, "rosa", 2))
		_, err = s.Dialog(t.Context(), "rosa")
		wantErr(t, "Dialog after delete", err, storage.ErrNotFound)

		noErr(t, "save Expect 0 after delete", saveDialog(t, s, "rosa", `{"paso":1}`, 0, time.Hour))
		wantDialog(t, s, "rosa", `{"paso":1}`, 1)
	})

	t.Run("people are independent", func(t *testing.T) {
		s := h.Open(t)
		noErr(t, "save rosa", saveDialog(t, s, "rosa", "r", 0, time.Hour))
		noErr(t, "save luis", saveDialog(t, s, "luis", "l", 0, time.Hour))
		noErr(t, "save rosa again", saveDialog(t, s, "rosa", "r2", 1, time.Hour))
		wantDialog(t, s, "rosa", "r2", 2)
		wantDialog(t, s, "luis", "l", 1)
	})
}
