package storetest

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
)

func testFolio(t *testing.T, h Harness) {
	t.Run("per year sequence from Created", func(t *testing.T) {
		s := h.Open(t)
		years := []int{2026, 2027, 2026, 2025, 2026, 2027}
		want := []string{folio(2026, 1), folio(2027, 1), folio(2026, 2), folio(2025, 1), folio(2026, 3), folio(2027, 2)}
		for i, y := range years {
			created := time.Date(y, time.June, 15, 12, 0, 0, 0, time.UTC)
			out := MustCommit(t, s, storage.Change{Tickets: []storage.TicketWrite{{Ticket: ticket(created)}}})
			if out.Folio != want[i] {
				t.Errorf("ticket %d created in %d: got folio %q, want %q", i, y, out.Folio, want[i])
			}
			got := mustTicket(t, s, want[i])
			if got.Folio != want[i] {
				t.Errorf("Ticket(%q).Folio: got %q", want[i], got.Folio)
			}
		}
	})

	t.Run("version", func(t *testing.T) {
		s := h.Open(t)
		tk := ticket(base)
		tk.Version = 42 // ignored: the store sets it
		got := MustCreateTicket(t, s, tk)
		if got.Version != 1 {
			t.Fatalf("Version after create: got %d, want 1", got.Version)
		}
		for expect := int64(1); expect <= 3; expect++ {
			got.Status = "paso" + strings.Repeat("+", int(expect))
			got.Version = 99
			got = MustUpdateTicket(t, s, got, expect)
			if got.Version != expect+1 {
				t.Fatalf("Version after update with Expect %d: got %d, want %d", expect, got.Version, expect+1)
			}
		}
		if got.Status != "paso+++" {
			t.Errorf("Status: got %q, want %q", got.Status, "paso+++")
		}
	})

	t.Run("token replaced in the change", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		tok := storage.NewFolioToken()
		c := storage.Change{
			FolioToken: tok,
			Tickets:    []storage.TicketWrite{{Ticket: ticket(base)}},
			Log: []storage.LogEntry{{At: base, Who: "rosa", Role: storage.RoleUsuario,
				Folio: tok, Action: "solicitud", Detail: "se creó " + tok + " (" + tok + ")"}},
			Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa",
				Data: []byte(`{"last":"` + tok + `","again":"` + tok + `"}`)}, TTL: time.Hour}},
			Outbox: []storage.OutboxItem{{ID: "token-1", Recipient: "rosa",
				Payload: []byte("Tu folio es " + tok), Created: base}},
		}
		out := MustCommit(t, s, c)
		f := folio(2026, 1)
		if out.Folio != f {
			t.Fatalf("Committed.Folio: got %q, want %q", out.Folio, f)
		}
		if c.Log[0].Folio != tok || !bytes.Contains(c.Outbox[0].Payload, []byte(tok)) {
			t.Errorf("Commit changed the caller's Change: log folio %q, payload %q", c.Log[0].Folio, c.Outbox[0].Payload)
		}
		log, err := s.Log(ctx, storage.LogFilter{Folio: f})
		noErr(t, "Log", err)
		if len(log) != 1 {
			t.Fatalf("Log(folio %s): got %d entries, want 1", f, len(log))
		}
		if want := "se creó " + f + " (" + f + ")"; log[0].Detail != want {
			t.Errorf("log Detail: got %q, want %q", log[0].Detail, want)
		}
		d, err := s.Dialog(ctx, "rosa")
		noErr(t, "Dialog", err)
		if want := `{"last":"` + f + `","again":"` + f + `"}`; string(d.Data) != want {
			t.Errorf("dialog Data: got %s, want %s", d.Data, want)
		}
		items, err := s.ClaimOutbox(ctx, base, time.Minute, 10)
		noErr(t, "ClaimOutbox", err)
		if len(items) != 1 || string(items[0].Payload) != "Tu folio es "+f {
			t.Errorf("outbox: got %+v, want one payload %q", items, "Tu folio es "+f)
		}
	})

	t.Run("gap-free under 50 concurrent creators", func(t *testing.T) {
		s := h.Open(t)
		const n = 50
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			got   []string
			errs  []error
			start = make(chan struct{})
		)
		for i := range n {
			wg.Go(func() {
				<-start
				tk := ticket(base.Add(time.Duration(i) * time.Minute))
				out, err := s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk}}})
				mu.Lock()
				defer mu.Unlock()
				if err != nil {
					errs = append(errs, err)
					return
				}
				got = append(got, out.Folio)
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			t.Errorf("concurrent Commit: %v", err)
		}
		slices.Sort(got)
		want := make([]string, n)
		for i := range want {
			want[i] = folio(2026, i+1)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("folios:\n got %v\nwant %v", got, want)
		}
		all, err := s.Tickets(t.Context(), storage.TicketFilter{})
		noErr(t, "Tickets", err)
		if len(all) != n {
			t.Errorf("Tickets: got %d, want %d", len(all), n)
		}
	})

	t.Run("beyond 9999", func(t *testing.T) {
		if testing.Short() || raceEnabled {
			t.Skip("creates 10000 tickets; skipped with -short and -race")
		}
		s := h.Open(t)
		created := time.Date(1999, time.May, 1, 0, 0, 0, 0, time.UTC)
		const workers = 8
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for i := w; i < 9999; i += workers {
					if _, err := s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: ticket(created)}}}); err != nil {
						t.Errorf("Commit: %v", err)
						return
					}
				}
			})
		}
		wg.Wait()
		out := MustCommit(t, s, storage.Change{Tickets: []storage.TicketWrite{{Ticket: ticket(created)}}})
		if want := "CT-1999-10000"; out.Folio != want {
			t.Errorf("10000th folio: got %q, want %q", out.Folio, want)
		}
	})
}
