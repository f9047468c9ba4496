package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"ctdesk/storage"
)

// noDue is the due column of a ticket without a committed date: later
// than any date, so those tickets sort last.
const noDue = int64(9_000_000_000_000_000_000)

// ticketRow is the row of the tickets table that keeps t (data is its
// JSON), in qTicketPut's column order.
func ticketRow(t *storage.Ticket, data []byte) []any {
	due := noDue
	if d := t.DueDate(); !d.IsZero() {
		due = d.UnixNano()
	}
	return []any{t.Folio, t.Version, t.Status, t.Requester, t.Assignee, t.Service, t.Area, nanos(t.Created), data,
		nanos(t.Updated), due, storage.SearchText(t)}
}

// QueryTickets returns one page of the tickets q selects, and their count,
// read in one transaction so both agree.
func (s *Store) QueryTickets(ctx context.Context, q storage.TicketQuery) (storage.TicketPage, error) {
	if err := q.Check(); err != nil {
		return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
	}
	var w filter
	scopeWhere(&w, q.Scope)
	queryWhere(&w, &q)
	cond := ""
	if len(w.where) > 0 {
		cond = " WHERE " + strings.Join(w.where, " AND ")
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
	}
	defer tx.Rollback()
	var page storage.TicketPage
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM tickets"+cond, w.args...).Scan(&page.Total); err != nil {
		return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
	}
	limit := q.Limit
	if limit == 0 {
		limit = -1
	}
	args := append(append([]any{}, w.args...), limit, q.Offset)
	// The page's folios come from the listing index alone; only then are
	// their tickets read.
	ord := order(q.Sort, q.Desc)
	rows, err := tx.QueryContext(ctx, "SELECT data FROM tickets WHERE folio IN (SELECT folio FROM tickets"+cond+
		" ORDER BY "+ord+" LIMIT ? OFFSET ?) ORDER BY "+ord, args...)
	if err != nil {
		return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var data []byte
		var t storage.Ticket
		if err := rows.Scan(&data); err != nil {
			return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
		}
		if err := json.Unmarshal(data, &t); err != nil {
			return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
		}
		page.Tickets = append(page.Tickets, t)
	}
	if err := rows.Err(); err != nil {
		return storage.TicketPage{}, fmt.Errorf("sqlitestore: query tickets: %w", err)
	}
	return page, nil
}

// scopeWhere adds the scope's terms, joined by OR.
func scopeWhere(w *filter, sc storage.TicketScope) {
	if sc.Everything() {
		return
	}
	var terms []string
	var args []any
	if sc.Requester != "" {
		terms, args = append(terms, "requester = ?"), append(args, sc.Requester)
	}
	if sc.Assignee != "" {
		terms, args = append(terms, "assignee = ?"), append(args, sc.Assignee)
	}
	if len(sc.UnassignedIn) > 0 {
		terms, args = append(terms, "(assignee = '' AND status IN ("+marks(len(sc.UnassignedIn))+"))"), append(args, strs(sc.UnassignedIn)...)
	}
	if len(sc.Areas) > 0 {
		terms, args = append(terms, "area IN ("+marks(len(sc.Areas))+")"), append(args, strs(sc.Areas)...)
	}
	if len(sc.Statuses) > 0 {
		terms, args = append(terms, "status IN ("+marks(len(sc.Statuses))+")"), append(args, strs(sc.Statuses)...)
	}
	w.add("("+strings.Join(terms, " OR ")+")", args...)
}

// queryWhere adds the query's filters and search.
func queryWhere(w *filter, q *storage.TicketQuery) {
	if len(q.Statuses) > 0 {
		w.add("status IN ("+marks(len(q.Statuses))+")", strs(q.Statuses)...)
	}
	for _, c := range []struct{ col, val string }{{"service", q.Service}, {"area", q.Area}, {"assignee", q.Assignee}} {
		if c.val != "" {
			w.add(c.col+" = ?", c.val)
		}
	}
	if q.Unassigned {
		w.add("assignee = ''")
	}
	w.within("created", q.CreatedFrom, q.CreatedTo)
	if !q.DueBefore.IsZero() {
		w.add("due < ?", q.DueBefore.UnixNano())
	}
	if q.Search.Empty() {
		return
	}
	var terms []string
	var args []any
	if len(q.Search.Requesters) > 0 {
		terms, args = append(terms, "requester IN ("+marks(len(q.Search.Requesters))+")"), append(args, strs(q.Search.Requesters)...)
	}
	if len(q.Search.Words) > 0 {
		words := make([]string, len(q.Search.Words))
		for i, word := range q.Search.Words {
			words[i] = "instr(words, ?) > 0"
			args = append(args, " "+word)
		}
		terms = append(terms, "("+strings.Join(words, " AND ")+")")
	}
	w.add("("+strings.Join(terms, " OR ")+")", args...)
}

// order is the ORDER BY of a sort, the folio breaking ties.
func order(k storage.SortKey, desc bool) string {
	col := map[storage.SortKey]string{storage.SortCreated: "created", storage.SortUpdated: "updated", storage.SortDue: "due"}[k]
	if desc {
		return col + " DESC, folio DESC"
	}
	return col + ", folio"
}

func marks(n int) string { return "?" + strings.Repeat(", ?", n-1) }

func strs(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// fillListing fills the listing columns of tickets written before they
// existed (migration 004), a batch per transaction.
func (s *Store) fillListing(ctx context.Context) error {
	for {
		var n int
		err := s.write(ctx, func(tx *sql.Tx) error {
			rows, err := tx.QueryContext(ctx, "SELECT data FROM tickets WHERE words IS NULL LIMIT 500")
			if err != nil {
				return err
			}
			var ts []storage.Ticket
			for rows.Next() {
				var data []byte
				var t storage.Ticket
				if err := rows.Scan(&data); err != nil {
					rows.Close()
					return err
				}
				if err := json.Unmarshal(data, &t); err != nil {
					rows.Close()
					return err
				}
				ts = append(ts, t)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for i := range ts {
				r := ticketRow(&ts[i], nil)
				if _, err := tx.ExecContext(ctx, "UPDATE tickets SET updated = ?, due = ?, words = ? WHERE folio = ?",
					r[9], r[10], r[11], ts[i].Folio); err != nil {
					return err
				}
			}
			n = len(ts)
			return nil
		})
		if err != nil {
			return fmt.Errorf("fill listing columns: %w", err)
		}
		if n == 0 {
			return nil
		}
	}
}
