package storetest

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// typed is what a person may write anywhere: it looks like a placeholder,
// and must come out of the store exactly as it went in.
const typed = "La pantalla dice {{FOLIO}} y luego {{FOLIO:123}}"

// testFolioText checks that only the change's own token becomes the folio:
// text that merely looks like a placeholder is stored as it was typed, in
// the ticket, the bitácora, the dialog and the outbox.
func testFolioText(t *testing.T, h Harness) {
	t.Run("typed text is kept beside the token", func(t *testing.T) {
		s := h.Open(t)
		tok := storage.NewFolioToken()
		tk := ticket(base)
		tk.Fields["falla"] = typed
		out := MustCommit(t, s, storage.Change{
			FolioToken: tok,
			Tickets:    []storage.TicketWrite{{Ticket: tk}},
			Log: []storage.LogEntry{{At: base, Who: "rosa", Role: storage.RoleUsuario,
				Folio: tok, Action: "solicitud", Detail: tok + ": " + typed}},
			Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa",
				Data: []byte(`{"folio":"` + tok + `","falla":"` + typed + `"}`)}, TTL: time.Hour}},
			Outbox: []storage.OutboxItem{{ID: "typed-1", Recipient: "ana",
				Payload: []byte(tok + " · " + typed), Created: base}},
		})
		f := folio(2026, 1)
		if out.Folio != f {
			t.Fatalf("Committed.Folio: got %q, want %q", out.Folio, f)
		}
		wantStored(t, s, f,
			typed,
			f+": "+typed,
			`{"folio":"`+f+`","falla":"`+typed+`"}`,
			f+" · "+typed)
	})

	t.Run("no token rewrites nothing", func(t *testing.T) {
		s := h.Open(t)
		tk := ticket(base)
		tk.Fields["falla"] = typed
		out := MustCommit(t, s, storage.Change{
			Tickets: []storage.TicketWrite{{Ticket: tk}},
			Log: []storage.LogEntry{{At: base, Who: "rosa", Role: storage.RoleUsuario,
				Folio: folio(2026, 1), Action: "solicitud", Detail: typed}},
			Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa",
				Data: []byte(`{"falla":"` + typed + `"}`)}, TTL: time.Hour}},
			Outbox: []storage.OutboxItem{{ID: "typed-1", Recipient: "ana",
				Payload: []byte(typed), Created: base}},
		})
		if want := folio(2026, 1); out.Folio != want {
			t.Fatalf("Committed.Folio: got %q, want %q", out.Folio, want)
		}
		wantStored(t, s, out.Folio, typed, typed, `{"falla":"`+typed+`"}`, typed)
	})
}

// wantStored checks what the store kept of the change: the ticket's typed
// field, the bitácora detail, rosa's dialog and the one outbox payload.
func wantStored(t *testing.T, s storage.Store, f, field, detail, dialog, payload string) {
	t.Helper()
	ctx := t.Context()
	got := mustTicket(t, s, f)
	if got.Folio != f || got.Fields["falla"] != field {
		t.Errorf("ticket: got folio %q, falla %q; want %q, %q", got.Folio, got.Fields["falla"], f, field)
	}
	log, err := s.Log(ctx, storage.LogFilter{Folio: f})
	noErr(t, "Log", err)
	if len(log) != 1 || log[0].Detail != detail {
		t.Errorf("bitácora of %s: got %+v, want one entry with detail %q", f, log, detail)
	}
	d, err := s.Dialog(ctx, "rosa")
	noErr(t, "Dialog", err)
	if string(d.Data) != dialog {
		t.Errorf("dialog: got %s, want %s", d.Data, dialog)
	}
	items, err := s.ClaimOutbox(ctx, base, time.Minute, 10)
	noErr(t, "ClaimOutbox", err)
	if len(items) != 1 || string(items[0].Payload) != payload {
		t.Errorf("outbox: got %+v, want one payload %q", items, payload)
	}
}
