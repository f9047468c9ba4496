package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"ctdesk/storage"
)

// putTicket stores w.Ticket if its stored version (0 when absent) equals w.Expect.
func (s *Store) putTicket(ctx context.Context, tx *sql.Tx, w storage.TicketWrite) error {
	t := w.Ticket
	var cur int64
	err := txQueryRow(ctx, tx, s.ws.ticketVersion, t.Folio).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("ticket %s: %w", t.Folio, err)
	}
	if cur != w.Expect {
		return fmt.Errorf("ticket %s: version %d, expected %d: %w", t.Folio, cur, w.Expect, storage.ErrConflict)
	}
	t.Version = w.Expect + 1
	data, err := json.Marshal(t)
	if err != nil {
		return fmt.Errorf("ticket %s: %w", t.Folio, err)
	}
	_, err = txExec(ctx, tx, s.ws.ticketPut, ticketRow(&t, data)...)
	if err != nil {
		return fmt.Errorf("ticket %s: %w", t.Folio, err)
	}
	return nil
}

// Ticket returns the ticket with the folio, or ErrNotFound.
func (s *Store) Ticket(ctx context.Context, folio string) (storage.Ticket, error) {
	var data []byte
	err := s.rs.ticket.QueryRowContext(ctx, folio).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return storage.Ticket{}, fmt.Errorf("sqlitestore: ticket %s: %w", folio, storage.ErrNotFound)
	}
	if err != nil {
		return storage.Ticket{}, fmt.Errorf("sqlitestore: ticket %s: %w", folio, err)
	}
	var t storage.Ticket
	if err := json.Unmarshal(data, &t); err != nil {
		return storage.Ticket{}, fmt.Errorf("sqlitestore: ticket %s: %w", folio, err)
	}
	return t, nil
}

// Tickets lists the tickets matching f, oldest first (by Created, then folio).
func (s *Store) Tickets(ctx context.Context, f storage.TicketFilter) ([]storage.Ticket, error) {
	var w filter
	if len(f.Statuses) > 0 {
		statuses := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			statuses[i] = st
		}
		w.add("status IN (?"+strings.Repeat(", ?", len(f.Statuses)-1)+")", statuses...)
	}
	for _, c := range []struct{ col, val string }{
		{"requester", f.Requester}, {"assignee", f.Assignee}, {"service", f.Service}, {"area", f.Area},
	} {
		if c.val != "" {
			w.add(c.col+" = ?", c.val)
		}
	}
	w.within("created", f.CreatedFrom, f.CreatedTo)
	q, args := w.query("SELECT data FROM tickets", "created, folio", f.Limit)
	out, err := listJSON[storage.Ticket](ctx, s.r, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: tickets: %w", err)
	}
	return out, nil
}
