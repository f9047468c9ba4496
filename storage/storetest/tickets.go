package storetest

import (
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

func testTickets(t *testing.T, h Harness) {
	t.Run("round trip", func(t *testing.T) {
		s := h.Open(t)
		mx := time.FixedZone("CST", -6*3600)
		at := time.Date(2026, 3, 10, 10, 30, 15, 123456789, mx)
		want := storage.Ticket{
			Service: "correo", Requester: "rosa", Area: "finanzas", Status: "aprobacion",
			Assignee: "beto", Programmed: true,
			Fields:    map[string]string{"accion": "alta", "cuenta": "rosa.diaz"},
			Approvals: []storage.Approval{{Kind: "supervisor", By: "luis", Role: storage.RoleSupervisor, Approved: true, At: at}},
			History:   []storage.Transition{{At: at, By: "rosa", Role: storage.RoleUsuario, From: "", To: "aprobacion", Action: "crear", Note: "ñandú"}},
			Dates:     []storage.CommittedDate{{Date: at.AddDate(0, 0, 3), By: "beto", At: at}},
			Attachments: []storage.Attachment{{FileID: "f1", Name: "oficio.pdf", MIME: "application/pdf",
				Size: 10, Step: "oficio", By: "rosa", At: at},
				{FileID: "f2", Name: "equipo.jpg", Photo: true, Step: "terminar", By: "beto", At: at,
					ForReport: true, Caption: "Impresora reparada, área de cajas"}},
			Signatures: []storage.Signature{{What: "responsiva", By: "rosa", At: at}},
			Counters:   map[string]int{"cambios": 2},
			Rating:     &storage.Rating{Score: 5, Comment: "bien", By: "rosa", At: at},
			Created:    at, Updated: at, Closed: at.Add(time.Hour),
		}
		got := MustCreateTicket(t, s, want)
		want.Folio, want.Version = folio(2026, 1), 1
		sameJSON(t, "ticket", got, want)
		if !got.Created.Equal(at) {
			t.Errorf("Created: got %v, want %v", got.Created, at)
		}
		_, err := s.Ticket(t.Context(), "CT-2026-0002")
		wantErr(t, "Ticket of a missing folio", err, storage.ErrNotFound)
	})

	t.Run("listing", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		mk := func(off time.Duration, service, requester, area, status, assignee string) storage.Ticket {
			tk := ticket(base.Add(off))
			tk.Service, tk.Requester, tk.Area, tk.Status, tk.Assignee = service, requester, area, status, assignee
			return MustCreateTicket(t, s, tk)
		}
		t1 := mk(0, "mantenimiento", "rosa", "finanzas", "recibido", "")
		t2 := mk(time.Hour, "web", "luis", "rectoria", "aprobacion", "beto")
		t3 := mk(2*time.Hour, "mantenimiento", "rosa", "finanzas", "diagnosticado", "beto")
		t4 := mk(24*time.Hour, "correo", "rosa", "finanzas", "recibido", "")
		t5 := mk(-time.Hour, "diseno", "luis", "rectoria", storage.StatusClosed, "ana") // created first, committed last
		f1, f2, f3, f4, f5 := t1.Folio, t2.Folio, t3.Folio, t4.Folio, t5.Folio

		list := func(name string, f storage.TicketFilter, want ...string) {
			t.Helper()
			got, err := s.Tickets(ctx, f)
			noErr(t, "Tickets "+name, err)
			if g := folios(got); !slices.Equal(g, want) {
				t.Errorf("Tickets %s: got %v, want %v", name, g, want)
			}
		}
		list("all, oldest first", storage.TicketFilter{}, f5, f1, f2, f3, f4)
		list("status", storage.TicketFilter{Statuses: []string{"recibido"}}, f1, f4)
		list("statuses", storage.TicketFilter{Statuses: []string{"recibido", "diagnosticado"}}, f1, f3, f4)
		list("unknown status", storage.TicketFilter{Statuses: []string{"nada"}})
		list("requester", storage.TicketFilter{Requester: "rosa"}, f1, f3, f4)
		list("assignee", storage.TicketFilter{Assignee: "beto"}, f2, f3)
		list("service", storage.TicketFilter{Service: "mantenimiento"}, f1, f3)
		list("area", storage.TicketFilter{Area: "rectoria"}, f5, f2)
		list("created [from,to)", storage.TicketFilter{CreatedFrom: base, CreatedTo: base.Add(2 * time.Hour)}, f1, f2)
		list("created from", storage.TicketFilter{CreatedFrom: base.Add(2 * time.Hour)}, f3, f4)
		list("created to", storage.TicketFilter{CreatedTo: base}, f5)
		list("limit", storage.TicketFilter{Limit: 2}, f5, f1)
		list("combined", storage.TicketFilter{Requester: "rosa", Statuses: []string{"recibido"}, Limit: 1}, f1)

		t1.Status, t1.Assignee = "diagnosticado", "ana"
		MustUpdateTicket(t, s, t1, t1.Version)
		t2.Assignee = ""
		MustUpdateTicket(t, s, t2, t2.Version)
		list("status after update", storage.TicketFilter{Statuses: []string{"recibido"}}, f4)
		list("new status after update", storage.TicketFilter{Statuses: []string{"diagnosticado"}}, f1, f3)
		list("assignee after update", storage.TicketFilter{Assignee: "beto"}, f3)
		list("new assignee after update", storage.TicketFilter{Assignee: "ana"}, f5, f1)
	})
}
