package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"ctdesk/storage"
)

// base is the instant most fixtures are built around.
var base = time.Date(2026, time.March, 10, 9, 0, 0, 0, time.UTC)

// MustCommit commits c and fails the test on error.
func MustCommit(tb testing.TB, s storage.Committer, c storage.Change) storage.Committed {
	tb.Helper()
	out, err := s.Commit(tb.Context(), c)
	if err != nil {
		tb.Fatalf("Commit: %v", err)
	}
	return out
}

// MustCreateTicket commits t as a new ticket and returns it as stored.
func MustCreateTicket(tb testing.TB, s storage.Store, t storage.Ticket) storage.Ticket {
	tb.Helper()
	t.Folio = ""
	out := MustCommit(tb, s, storage.Change{Tickets: []storage.TicketWrite{{Ticket: t}}})
	if out.Folio == "" {
		tb.Fatalf("Commit of a new ticket: got empty Committed.Folio")
	}
	return mustTicket(tb, s, out.Folio)
}

// MustUpdateTicket commits t checked against version expect and returns it as stored.
func MustUpdateTicket(tb testing.TB, s storage.Store, t storage.Ticket, expect int64) storage.Ticket {
	tb.Helper()
	MustCommit(tb, s, storage.Change{Tickets: []storage.TicketWrite{{Ticket: t, Expect: expect}}})
	return mustTicket(tb, s, t.Folio)
}

func mustTicket(tb testing.TB, s storage.Tickets, folio string) storage.Ticket {
	tb.Helper()
	got, err := s.Ticket(tb.Context(), folio)
	if err != nil {
		tb.Fatalf("Ticket(%q): %v", folio, err)
	}
	return got
}

// ticket returns a new ticket fixture created at created.
func ticket(created time.Time) storage.Ticket {
	return storage.Ticket{
		Service:   "mantenimiento",
		Requester: "rosa",
		Area:      "finanzas",
		Status:    "recibido",
		Fields:    map[string]string{"equipo": "impresora"},
		Created:   created,
		Updated:   created,
	}
}

// wantErr fails the test unless err wraps target.
func wantErr(tb testing.TB, what string, err, target error) {
	tb.Helper()
	if !errors.Is(err, target) {
		tb.Fatalf("%s: got error %v, want one wrapping %q", what, err, target)
	}
}

// noErr fails the test on err.
func noErr(tb testing.TB, what string, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// canon returns v as JSON with every timestamp rewritten in UTC, so records
// compare by instant regardless of the location a store returns.
func canon(tb testing.TB, v any) string {
	tb.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		tb.Fatalf("canon: %v", err)
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		tb.Fatalf("canon: %v", err)
	}
	b, err = json.Marshal(utcTimes(tree))
	if err != nil {
		tb.Fatalf("canon: %v", err)
	}
	return string(b)
}

func utcTimes(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = utcTimes(e)
		}
	case []any:
		for i, e := range x {
			x[i] = utcTimes(e)
		}
	case string:
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

// sameJSON fails the test unless got and want are the same record.
func sameJSON(tb testing.TB, what string, got, want any) {
	tb.Helper()
	if g, w := canon(tb, got), canon(tb, want); g != w {
		tb.Errorf("%s:\n got %s\nwant %s", what, g, w)
	}
}

// folio formats a folio the way the contract spells it.
func folio(year, n int) string { return fmt.Sprintf("CT-%04d-%04d", year, n) }

// folios returns the folios of ts in order.
func folios(ts []storage.Ticket) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Folio
	}
	return out
}
