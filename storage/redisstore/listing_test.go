package redisstore

import (
	"testing"
	"time"

	"ctdesk/storage"
)

// TestListingFill checks that tickets written before the listing indexes
// existed are indexed by the first query of a store.
func TestListingFill(t *testing.T) {
	s := mustOpen(t)
	ctx := t.Context()
	at := time.Date(2025, 5, 6, 10, 0, 0, 0, time.UTC)
	done, err := s.Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
		Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "recibida", Created: at, Updated: at,
		Fields: map[string]string{"inventario": "SN-77"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	// As an older ctdesk left it: no listing indexes at all.
	if err := s.c.Del(ctx, s.p+"tw", s.p+"tu", s.p+"td", s.p+"ix:na", s.p+"ixv").Err(); err != nil {
		t.Fatal(err)
	}
	fresh := openPrefix(t, s.prefix)
	for _, q := range []storage.TicketQuery{
		{Search: storage.TicketSearch{Words: []string{"77"}}},
		{Unassigned: true, Sort: storage.SortUpdated},
		{Sort: storage.SortDue},
	} {
		page, err := fresh.QueryTickets(ctx, q)
		if err != nil || page.Total != 1 || len(page.Tickets) != 1 || page.Tickets[0].Folio != done.Folio {
			t.Errorf("QueryTickets(%+v) after the fill: got %+v, %v; want %s", q, page, err, done.Folio)
		}
	}
}
