package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"ctdesk/storage"
)

// Ticket returns the ticket with the folio, or storage.ErrNotFound.
func (s *Store) Ticket(ctx context.Context, folio string) (storage.Ticket, error) {
	var t storage.Ticket
	b, err := s.c.HGet(ctx, s.p+"t:"+folio, "json").Bytes()
	if err != nil {
		return t, fmt.Errorf("redisstore: ticket %s: %w", folio, notFound(err))
	}
	if err := json.Unmarshal(b, &t); err != nil {
		return t, fmt.Errorf("redisstore: ticket %s: %w", folio, err)
	}
	return t, nil
}

// Tickets lists the tickets matching f, oldest first. The index sets and the
// creation-time sorted set narrow the candidates inside one script; f.Match
// finishes the selection.
func (s *Store) Tickets(ctx context.Context, f storage.TicketFilter) ([]storage.Ticket, error) {
	lo, hi := "-inf", "+inf"
	if !f.CreatedFrom.IsZero() {
		lo = micros(f.CreatedFrom)
	}
	if !f.CreatedTo.IsZero() {
		hi = micros(f.CreatedTo)
	}
	args := []any{s.p, lo, hi, len(f.Statuses)}
	for _, st := range f.Statuses {
		args = append(args, s.p+"ix:st:"+st)
	}
	for _, eq := range [...]struct{ name, val string }{
		{"rq", f.Requester}, {"as", f.Assignee}, {"sv", f.Service}, {"ar", f.Area},
	} {
		if eq.val != "" {
			args = append(args, s.p+"ix:"+eq.name+":"+eq.val)
		}
	}
	raw, err := listScript.Run(ctx, s.c, s.route, args...).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("redisstore: tickets: %w", err)
	}
	out := make([]storage.Ticket, 0, len(raw))
	for _, js := range raw {
		var t storage.Ticket
		if err := json.Unmarshal([]byte(js), &t); err != nil {
			return nil, fmt.Errorf("redisstore: tickets: %w", err)
		}
		if f.Match(&t) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b storage.Ticket) int {
		if c := a.Created.Compare(b.Created); c != 0 {
			return c
		}
		return cmp.Compare(a.Folio, b.Folio)
	})
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, nil
}
