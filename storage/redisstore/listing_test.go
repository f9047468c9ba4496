package redisstore

import (
	"slices"
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

// TestLogPeriod checks that the bitácora of a period is read through its
// time index exactly as a scan of every entry finds it — an entry appended
// long after its time included — and that entries appended before the
// index existed are indexed by the first such read.
func TestLogPeriod(t *testing.T) {
	s := mustOpen(t)
	ctx := t.Context()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var es []storage.LogEntry
	for i := range 2500 {
		es = append(es, storage.LogEntry{At: start.Add(time.Duration(i) * time.Hour), Who: "beto", Action: "tomar"})
	}
	late := storage.LogEntry{At: start.Add(1000*time.Hour + time.Minute), Who: "ana", Action: "tarde"}
	if err := s.AppendLog(ctx, es[:1500]...); err != nil {
		t.Fatal(err)
	}
	// As an older ctdesk left it: no time index for what is there so far.
	if err := s.c.Del(ctx, s.p+"log:t", s.p+"log:tv").Err(); err != nil {
		t.Fatal(err)
	}
	fresh := openPrefix(t, s.prefix)
	if err := fresh.AppendLog(ctx, es[1500:]...); err != nil {
		t.Fatal(err)
	}
	if err := fresh.AppendLog(ctx, late); err != nil {
		t.Fatal(err)
	}
	all, err := fresh.Log(ctx, storage.LogFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []storage.LogFilter{
		{From: start.Add(990 * time.Hour), To: start.Add(1010 * time.Hour)},
		{From: start.Add(2400 * time.Hour)},
		{To: start.Add(3 * time.Hour)},
		{From: start.Add(999 * time.Hour), To: start.Add(1001 * time.Hour), Limit: 2},
	} {
		var want []int64
		for _, e := range all {
			if f.Match(&e) && (f.Limit == 0 || len(want) < f.Limit) {
				want = append(want, e.Seq)
			}
		}
		got, err := fresh.Log(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var seqs []int64
		for _, e := range got {
			seqs = append(seqs, e.Seq)
		}
		if !slices.Equal(seqs, want) {
			t.Errorf("Log(%v – %v, limit %d): got %d entries %v…, want %d", f.From, f.To, f.Limit, len(seqs), head(seqs), len(want))
		}
	}
}

func head(s []int64) []int64 { return s[:min(len(s), 5)] }
