package sqlitestore_test

import (
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
	"ctdesk/storage/sqlitestore"
	"ctdesk/storage/storetest"
)

// MustOpen opens a store on path and closes it at cleanup.
func MustOpen(tb testing.TB, path string) *sqlitestore.Store {
	tb.Helper()
	s, err := sqlitestore.Open(tb.Context(), path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) storage.Store {
			return MustOpen(t, filepath.Join(t.TempDir(), "ctdesk.db"))
		},
		Restart: func(t *testing.T, s storage.Store) storage.Store {
			path := s.(*sqlitestore.Store).Path()
			if err := s.Close(); err != nil {
				t.Fatalf("Close: %v", err)
			}
			return MustOpen(t, path)
		},
	})
}

func TestReadOnlyBesideWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	w := MustOpen(t, path)
	ctx := t.Context()
	created := time.Date(2026, 4, 1, 10, 0, 0, 0, time.UTC)
	out := storetest.MustCommit(t, w, storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
		Service: "web", Requester: "rosa", Status: "recibido", Created: created}}}})

	r, err := sqlitestore.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	defer r.Close()
	got, err := r.Ticket(ctx, out.Folio)
	if err != nil || got.Folio != out.Folio {
		t.Fatalf("Ticket through the read-only handle: got %q, %v; want %q", got.Folio, err, out.Folio)
	}

	// A commit made after the reader opened is visible to it too.
	storetest.MustCommit(t, w, storage.Change{Log: []storage.LogEntry{{At: created, Who: "beto", Action: "después"}}})
	log, err := r.Log(ctx, storage.LogFilter{})
	if err != nil || len(log) != 1 || log[0].Action != "después" {
		t.Errorf("Log through the read-only handle: got %+v, %v; want the new entry", log, err)
	}

	err = r.SetValue(ctx, "k", []byte("v"), 0)
	if !errors.Is(err, sqlitestore.ErrReadOnly) {
		t.Errorf("SetValue on the read-only handle: got %v, want ErrReadOnly", err)
	}
	if _, err := r.Commit(ctx, storage.Change{Log: []storage.LogEntry{{Action: "x"}}}); !errors.Is(err, sqlitestore.ErrReadOnly) {
		t.Errorf("Commit on the read-only handle: got %v, want ErrReadOnly", err)
	}
}

func TestOpenReadOnlyMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nada.db")
	if s, err := sqlitestore.OpenReadOnly(t.Context(), path); err == nil {
		s.Close()
		t.Fatalf("OpenReadOnly of a missing file: got nil error")
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	for i := range 3 {
		s, err := sqlitestore.Open(t.Context(), path)
		if err != nil {
			t.Fatalf("Open %d: %v", i+1, err)
		}
		if err := s.SetValue(t.Context(), "n", []byte{byte(i)}, 0); err != nil {
			t.Errorf("SetValue after open %d: %v", i+1, err)
		}
		s.Close()
	}
}

// TestTwoHandlesWriting runs two stores on one file, as two processes would,
// and checks that concurrent commits neither fail with SQLITE_BUSY nor skip folios.
func TestTwoHandlesWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	handles := []*sqlitestore.Store{MustOpen(t, path), MustOpen(t, path)}
	created := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			s := handles[i%2]
			tok := storage.NewFolioToken()
			_, err := s.Commit(t.Context(), storage.Change{
				FolioToken: tok,
				Tickets:    []storage.TicketWrite{{Ticket: storage.Ticket{Service: "web", Status: "recibido", Created: created}}},
				Log:        []storage.LogEntry{{At: created, Folio: tok, Action: "solicitud"}},
			})
			if err != nil {
				t.Errorf("Commit on handle %d: %v", i%2, err)
			}
		})
	}
	wg.Wait()
	all, err := handles[0].Tickets(t.Context(), storage.TicketFilter{})
	if err != nil {
		t.Fatalf("Tickets: %v", err)
	}
	seen := map[string]bool{}
	for _, tk := range all {
		seen[tk.Folio] = true
	}
	for n := 1; n <= 40; n++ {
		if f := fmt.Sprintf("CT-2026-%04d", n); !seen[f] {
			t.Errorf("folio %s missing; got %d tickets", f, len(all))
		}
	}
}

func TestReadOnlyWithoutWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	w := MustOpen(t, path)
	if err := w.SetValue(t.Context(), "k", []byte("v"), 0); err != nil {
		t.Fatalf("SetValue: %v", err)
	}
	w.Close()
	r, err := sqlitestore.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly with no writer running: %v", err)
	}
	defer r.Close()
	if v, err := r.Value(t.Context(), "k"); err != nil || string(v) != "v" {
		t.Errorf("Value: got %q, %v; want v", v, err)
	}
}

// TestClaimOutboxInSeqOrder claims a large outbox in batches and checks
// that every batch holds the next items in Seq order.
func TestClaimOutboxInSeqOrder(t *testing.T) {
	s := MustOpen(t, filepath.Join(t.TempDir(), "ctdesk.db"))
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	var items []storage.OutboxItem
	for i := range 250 {
		items = append(items, storage.OutboxItem{ID: fmt.Sprintf("m%03d", i), Recipient: fmt.Sprintf("p%d", i%7), Created: now})
	}
	storetest.MustCommit(t, s, storage.Change{Outbox: items})
	next := 0
	for next < len(items) {
		got, err := s.ClaimOutbox(t.Context(), now, time.Minute, 64)
		if err != nil {
			t.Fatalf("ClaimOutbox: %v", err)
		}
		if len(got) == 0 {
			t.Fatalf("ClaimOutbox: nothing after %d of %d", next, len(items))
		}
		for _, it := range got {
			if want := items[next].ID; it.ID != want {
				t.Fatalf("claimed %s, want %s", it.ID, want)
			}
			next++
		}
	}
	if got, err := s.ClaimOutbox(t.Context(), now, time.Minute, 64); err != nil || len(got) != 0 {
		t.Errorf("ClaimOutbox of a leased outbox: got %d items, %v; want none", len(got), err)
	}
}

func TestReadOnlyOutbox(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	w := MustOpen(t, path)
	now := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	storetest.MustCommit(t, w, storage.Change{Outbox: []storage.OutboxItem{{ID: "a", Recipient: "p", Created: now}}})
	r, err := sqlitestore.OpenReadOnly(t.Context(), path)
	if err != nil {
		t.Fatalf("OpenReadOnly: %v", err)
	}
	defer r.Close()
	if _, err := r.ClaimOutbox(t.Context(), now, time.Minute, 1); !errors.Is(err, sqlitestore.ErrReadOnly) {
		t.Errorf("ClaimOutbox on the read-only handle: got %v, want ErrReadOnly", err)
	}
	if err := r.AckOutbox(t.Context(), "a"); !errors.Is(err, sqlitestore.ErrReadOnly) {
		t.Errorf("AckOutbox on the read-only handle: got %v, want ErrReadOnly", err)
	}
	if err := r.RetryOutbox(t.Context(), "a", now, "x"); !errors.Is(err, sqlitestore.ErrReadOnly) {
		t.Errorf("RetryOutbox on the read-only handle: got %v, want ErrReadOnly", err)
	}
	if n, err := r.PendingOutbox(t.Context()); err != nil || n != 1 {
		t.Errorf("PendingOutbox on the read-only handle: got %d, %v; want 1", n, err)
	}
}

// TestListingFill checks that Open fills the listing columns of tickets
// written before migration 004.
func TestListingFill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	s := MustOpen(t, path)
	ctx := t.Context()
	at := time.Date(2025, 5, 6, 10, 0, 0, 0, time.UTC)
	tk := storetest.MustCreateTicket(t, s, storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas",
		Status: "recibida", Created: at, Updated: at, Fields: map[string]string{"inventario": "SN-77"}})
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "UPDATE tickets SET words = NULL, updated = 0"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s.Close()
	s = MustOpen(t, path)
	page, err := s.QueryTickets(ctx, storage.TicketQuery{Search: storage.TicketSearch{Words: []string{"77"}}, Sort: storage.SortUpdated})
	if err != nil || page.Total != 1 || page.Tickets[0].Folio != tk.Folio {
		t.Errorf("QueryTickets after reopening: got %+v, %v; want %s", page, err, tk.Folio)
	}
}
