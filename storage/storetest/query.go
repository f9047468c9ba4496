package storetest

import (
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

// testQuery checks QueryTickets: every filter, the scope's terms, the
// search, the orders and the pages, and that changes to a ticket move it
// in the listing.
func testQuery(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	type spec struct {
		off                              time.Duration
		service, requester, area, status string
		assignee                         string
		fields                           map[string]string
		due                              time.Duration // 0: none
	}
	mk := func(sp spec) storage.Ticket {
		tk := ticket(base.Add(sp.off))
		tk.Service, tk.Requester, tk.Area, tk.Status, tk.Assignee = sp.service, sp.requester, sp.area, sp.status, sp.assignee
		tk.Fields = sp.fields
		tk.Updated = base.Add(48*time.Hour - sp.off) // the oldest changed last
		if sp.due != 0 {
			tk.Dates = []storage.CommittedDate{{Date: base.Add(sp.due), By: "beto", At: base}}
		}
		return MustCreateTicket(t, s, tk)
	}
	t1 := mk(spec{0, "mantenimiento", "rosa", "finanzas", "recibida", "", map[string]string{"inventario": "SN-AB1234", "falla": "La impresora no enciende"}, 0})
	t2 := mk(spec{time.Hour, "web", "luis", "rectoria", "por_autorizar", "", map[string]string{"titulo": "Convocatoria de becas"}, 0})
	t3 := mk(spec{2 * time.Hour, "mantenimiento", "rosa", "finanzas", "en_reparacion", "beto", map[string]string{"falla": "Proyector sin señal", "ubicacion": "Aula Magna"}, 72 * time.Hour})
	t4 := mk(spec{3 * time.Hour, "correo", "pepe", "tecnologias", "recibida", "ana", map[string]string{"cuenta": "pepe.lopez"}, 24 * time.Hour})
	t5 := mk(spec{4 * time.Hour, "diseno", "luis", "rectoria", storage.StatusClosed, "beto", map[string]string{"evento": "Día de la Física"}, 12 * time.Hour})
	f1, f2, f3, f4, f5 := t1.Folio, t2.Folio, t3.Folio, t4.Folio, t5.Folio

	check := func(name string, q storage.TicketQuery, total int, want ...string) {
		t.Helper()
		page, err := s.QueryTickets(ctx, q)
		noErr(t, "QueryTickets "+name, err)
		if got := folios(page.Tickets); !slices.Equal(got, want) || page.Total != total {
			t.Errorf("QueryTickets %s: got %v of %d, want %v of %d", name, got, page.Total, want, total)
		}
	}
	check("everything, oldest first", storage.TicketQuery{}, 5, f1, f2, f3, f4, f5)
	check("newest first", storage.TicketQuery{Desc: true}, 5, f5, f4, f3, f2, f1)
	check("a page", storage.TicketQuery{Desc: true, Offset: 1, Limit: 2}, 5, f4, f3)
	check("past the end", storage.TicketQuery{Offset: 9, Limit: 2}, 5)
	check("by last change", storage.TicketQuery{Sort: storage.SortUpdated}, 5, f5, f4, f3, f2, f1)
	check("by committed date, none last", storage.TicketQuery{Sort: storage.SortDue}, 5, f5, f4, f3, f1, f2)
	check("overdue", storage.TicketQuery{DueBefore: base.Add(48 * time.Hour)}, 2, f4, f5)
	check("status", storage.TicketQuery{Statuses: []string{"recibida", "en_reparacion"}}, 3, f1, f3, f4)
	check("service", storage.TicketQuery{Service: "mantenimiento"}, 2, f1, f3)
	check("area", storage.TicketQuery{Area: "rectoria"}, 2, f2, f5)
	check("assignee", storage.TicketQuery{Assignee: "beto"}, 2, f3, f5)
	check("unassigned", storage.TicketQuery{Unassigned: true}, 2, f1, f2)
	check("created", storage.TicketQuery{CreatedFrom: base.Add(time.Hour), CreatedTo: base.Add(3 * time.Hour)}, 2, f2, f3)
	check("created, by last change", storage.TicketQuery{CreatedFrom: base.Add(time.Hour), CreatedTo: base.Add(3 * time.Hour), Sort: storage.SortUpdated}, 2, f3, f2)
	check("combined", storage.TicketQuery{Service: "mantenimiento", Statuses: []string{"recibida"}, Area: "finanzas"}, 1, f1)

	// What each person may have listed.
	check("scope: own", storage.TicketQuery{Scope: storage.TicketScope{Requester: "luis"}}, 2, f2, f5)
	check("scope: CT's queue", storage.TicketQuery{Scope: storage.TicketScope{Assignee: "beto", UnassignedIn: []string{"recibida"}}}, 3, f1, f3, f5)
	check("scope: an area and a status", storage.TicketQuery{Scope: storage.TicketScope{Areas: []string{"tecnologias"}, Statuses: []string{"por_autorizar"}}}, 2, f2, f4)
	check("scope and filter", storage.TicketQuery{Scope: storage.TicketScope{Requester: "rosa"}, Statuses: []string{"en_reparacion"}}, 1, f3)
	check("scope: all", storage.TicketQuery{Scope: storage.TicketScope{All: true, Requester: "nadie"}}, 5, f1, f2, f3, f4, f5)

	// Searching as people type.
	search := func(words ...string) storage.TicketQuery {
		var w []string
		for _, s := range words {
			w = append(w, storage.SearchWords(s)...)
		}
		return storage.TicketQuery{Search: storage.TicketSearch{Words: w}}
	}
	check("serial number, a part", search("ab12"), 1, f1)
	check("folio", search(f3), 1, f3)
	check("folio number without zeros", search("3"), 1, f3)
	check("text, without accents", search("senal"), 1, f3)
	check("text, with accents and capitals", search("DÍA física"), 1, f5)
	check("every word must be found", search("impresora", "proyector"), 0)
	check("requester id", search("pepe"), 1, f4)
	check("nothing", search("zzz"), 0)
	check("requesters by name", storage.TicketQuery{Search: storage.TicketSearch{Requesters: []string{"luis"}}}, 2, f2, f5)
	check("words or requesters", storage.TicketQuery{Search: storage.TicketSearch{Words: []string{"aula"}, Requesters: []string{"pepe"}}}, 2, f3, f4)
	check("search within a scope", storage.TicketQuery{Scope: storage.TicketScope{Requester: "rosa"}, Search: storage.TicketSearch{Words: []string{"proyector"}}, Sort: storage.SortDue}, 1, f3)

	// A change moves the ticket in every index.
	t1.Assignee, t1.Status, t1.Updated = "ana", "en_diagnostico", base.Add(96*time.Hour)
	t1.Fields["falla"] = "Escáner atascado"
	t1.Dates = []storage.CommittedDate{{Date: base.Add(6 * time.Hour), By: "ana", At: base}}
	MustUpdateTicket(t, s, t1, t1.Version)
	check("unassigned after taking", storage.TicketQuery{Unassigned: true}, 1, f2)
	check("assignee after taking", storage.TicketQuery{Assignee: "ana"}, 2, f1, f4)
	check("last change after a change", storage.TicketQuery{Sort: storage.SortUpdated, Desc: true, Limit: 1}, 5, f1)
	check("committed date after a change", storage.TicketQuery{Sort: storage.SortDue, Limit: 2}, 5, f1, f5)
	check("old words are gone", search("impresora"), 0)
	check("new words are found", search("escaner"), 1, f1)
	check("the serial number stays", search("SN-AB1234"), 1, f1)

	for _, bad := range []storage.TicketQuery{{Offset: -1}, {Limit: -1}, {Sort: "color"}} {
		_, err := s.QueryTickets(ctx, bad)
		wantErr(t, "QueryTickets of a malformed query", err, storage.ErrInvalid)
	}
}
