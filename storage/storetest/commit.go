package storetest

import (
	"errors"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
)

func testCommit(t *testing.T, h Harness) {
	t.Run("concurrent transitions from one version", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		tk := MustCreateTicket(t, s, ticket(base))
		sides := []string{"a", "b"}
		errs := make([]error, len(sides))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, side := range sides {
			wg.Go(func() {
				next := tk
				next.Status = "estado-" + side
				c := storage.Change{
					Tickets: []storage.TicketWrite{{Ticket: next, Expect: tk.Version}},
					Log:     []storage.LogEntry{{At: base, Who: side, Folio: tk.Folio, Action: "accion-" + side}},
					Outbox:  []storage.OutboxItem{{ID: "msg-" + side, Recipient: side, Payload: []byte(side), Created: base}},
					Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "persona-" + side, Data: []byte(side)}, TTL: time.Hour}},
				}
				<-start
				_, errs[i] = s.Commit(ctx, c)
			})
		}
		close(start)
		wg.Wait()
		winner, loser := -1, -1
		for i, err := range errs {
			switch {
			case err == nil:
				winner = i
			case errors.Is(err, storage.ErrConflict):
				loser = i
			default:
				t.Fatalf("side %s: got %v, want nil or ErrConflict", sides[i], err)
			}
		}
		if winner < 0 || loser < 0 {
			t.Fatalf("got errors %v, want exactly one nil and one ErrConflict", errs)
		}
		w, l := sides[winner], sides[loser]
		got := mustTicket(t, s, tk.Folio)
		if got.Status != "estado-"+w || got.Version != 2 {
			t.Errorf("ticket: got status %q version %d, want %q version 2", got.Status, got.Version, "estado-"+w)
		}
		log, err := s.Log(ctx, storage.LogFilter{})
		noErr(t, "Log", err)
		if len(log) != 1 || log[0].Action != "accion-"+w {
			t.Errorf("log: got %+v, want only the winner's entry", log)
		}
		if n, err := s.PendingOutbox(ctx); err != nil || n != 1 {
			t.Errorf("PendingOutbox: got %d, %v; want 1", n, err)
		}
		_, err = s.Dialog(ctx, "persona-"+l)
		wantErr(t, "loser's dialog", err, storage.ErrNotFound)
		_, err = s.Dialog(ctx, "persona-"+w)
		noErr(t, "winner's dialog", err)
	})

	t.Run("stale version", func(t *testing.T) {
		s := h.Open(t)
		tk := MustCreateTicket(t, s, ticket(base))
		tk.Status = "diagnosticado"
		MustUpdateTicket(t, s, tk, 1)
		tk.Status = "otro"
		_, err := s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk, Expect: 1}}})
		wantErr(t, "update with Expect 1 after version 2", err, storage.ErrConflict)
		if got := mustTicket(t, s, tk.Folio); got.Status != "diagnosticado" {
			t.Errorf("status after conflict: got %q, want %q", got.Status, "diagnosticado")
		}
		ghost := ticket(base)
		ghost.Folio = "CT-2026-0999"
		_, err = s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: ghost, Expect: 3}}})
		wantErr(t, "update of a missing ticket", err, storage.ErrConflict)
	})

	t.Run("failed commit writes nothing", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		MustCommit(t, s, storage.Change{Dialogs: []storage.DialogWrite{{
			Dialog: storage.Dialog{Person: "luis", Data: []byte("v1")}, TTL: time.Hour}}})
		failing := map[string]struct {
			bad  storage.Change
			want error
		}{
			"dialog conflict": {storage.Change{Dialogs: []storage.DialogWrite{{
				Dialog: storage.Dialog{Person: "luis", Data: []byte("x")}, Expect: 0, TTL: time.Hour}}}, storage.ErrConflict},
			"two new tickets": {storage.Change{Tickets: []storage.TicketWrite{
				{Ticket: ticket(base)}}}, storage.ErrInvalid},
		}
		for name, tc := range failing {
			c := tc.bad
			c.Seen = "upd-" + name
			c.SeenTTL = time.Hour
			c.Tickets = append(c.Tickets, storage.TicketWrite{Ticket: ticket(base)})
			c.People = []storage.Person{{ID: "nuevo", Name: "Nuevo", Role: storage.RoleUsuario}}
			c.FolioToken = storage.NewFolioToken()
			c.Log = []storage.LogEntry{{At: base, Who: "x", Folio: c.FolioToken, Action: "fallido"}}
			c.Outbox = []storage.OutboxItem{{ID: "fallido", Recipient: "x", Payload: []byte("x"), Created: base}}
			c.Dialogs = append(c.Dialogs, storage.DialogWrite{Dialog: storage.Dialog{Person: "nueva"}, TTL: time.Hour})
			_, err := s.Commit(ctx, c)
			wantErr(t, name, err, tc.want)
		}
		if all, err := s.Tickets(ctx, storage.TicketFilter{}); err != nil || len(all) != 0 {
			t.Errorf("Tickets: got %d, %v; want none", len(all), err)
		}
		if log, err := s.Log(ctx, storage.LogFilter{}); err != nil || len(log) != 0 {
			t.Errorf("Log: got %+v, %v; want none", log, err)
		}
		if n, err := s.PendingOutbox(ctx); err != nil || n != 0 {
			t.Errorf("PendingOutbox: got %d, %v; want 0", n, err)
		}
		_, err := s.Person(ctx, "nuevo")
		wantErr(t, "Person written by a failed commit", err, storage.ErrNotFound)
		_, err = s.Dialog(ctx, "nueva")
		wantErr(t, "Dialog written by a failed commit", err, storage.ErrNotFound)
		if d, err := s.Dialog(ctx, "luis"); err != nil || string(d.Data) != "v1" || d.Version != 1 {
			t.Errorf("Dialog(luis): got %q v%d, %v; want %q v1", d.Data, d.Version, err, "v1")
		}
		ok, err := s.MarkSeen(ctx, "upd-dialog conflict", time.Hour)
		if err != nil || !ok {
			t.Errorf("MarkSeen of a failed commit's key: got %v, %v; want true", ok, err)
		}
		out := MustCommit(t, s, storage.Change{Tickets: []storage.TicketWrite{{Ticket: ticket(base)}}})
		if want := folio(2026, 1); out.Folio != want {
			t.Errorf("folio after failed commits: got %q, want %q (no gap)", out.Folio, want)
		}
	})

	t.Run("empty change", func(t *testing.T) {
		s := h.Open(t)
		out, err := s.Commit(t.Context(), storage.Change{})
		if err != nil || out.Folio != "" {
			t.Errorf("Commit(empty): got %+v, %v; want zero, nil", out, err)
		}
	})
}

func testSeen(t *testing.T, h Harness) {
	t.Run("change marker", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		first := storage.Change{Seen: "tg:1", SeenTTL: time.Hour,
			Log: []storage.LogEntry{{At: base, Who: "rosa", Action: "primera"}}}
		MustCommit(t, s, first)
		again := storage.Change{Seen: "tg:1", SeenTTL: time.Hour,
			Log:    []storage.LogEntry{{At: base, Who: "rosa", Action: "segunda"}},
			Outbox: []storage.OutboxItem{{ID: "dup", Recipient: "rosa", Payload: []byte("x"), Created: base}}}
		_, err := s.Commit(ctx, again)
		wantErr(t, "second Commit with the same Seen", err, storage.ErrDuplicate)
		log, err := s.Log(ctx, storage.LogFilter{})
		noErr(t, "Log", err)
		if len(log) != 1 || log[0].Action != "primera" {
			t.Errorf("Log: got %+v, want only %q", log, "primera")
		}
		if n, _ := s.PendingOutbox(ctx); n != 0 {
			t.Errorf("PendingOutbox after duplicate: got %d, want 0", n)
		}
	})

	t.Run("MarkSeen", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		for i, want := range []bool{true, false, false} {
			got, err := s.MarkSeen(ctx, "slack:Ev1", time.Hour)
			if err != nil || got != want {
				t.Errorf("MarkSeen call %d: got %v, %v; want %v", i+1, got, err, want)
			}
		}
		if got, err := s.MarkSeen(ctx, "slack:Ev2", time.Hour); err != nil || !got {
			t.Errorf("MarkSeen of another key: got %v, %v; want true", got, err)
		}
	})

	t.Run("one marker for MarkSeen and Commit", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		if ok, err := s.MarkSeen(ctx, "tg:7", time.Hour); err != nil || !ok {
			t.Fatalf("MarkSeen: got %v, %v; want true", ok, err)
		}
		_, err := s.Commit(ctx, storage.Change{Seen: "tg:7", SeenTTL: time.Hour,
			Log: []storage.LogEntry{{At: base, Action: "x"}}})
		wantErr(t, "Commit after MarkSeen of the key", err, storage.ErrDuplicate)
		MustCommit(t, s, storage.Change{Seen: "tg:8", SeenTTL: time.Hour})
		if ok, err := s.MarkSeen(ctx, "tg:8", time.Hour); err != nil || ok {
			t.Errorf("MarkSeen after Commit of the key: got %v, %v; want false", ok, err)
		}
	})
}
