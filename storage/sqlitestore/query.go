package sqlitestore

import (
	"strings"
	"time"
)

// filter gathers the conditions of a listing's WHERE clause and their
// arguments, in order.
type filter struct {
	where []string
	args  []any
}

// add adds the condition cond with its arguments.
func (f *filter) add(cond string, args ...any) {
	f.where = append(f.where, cond)
	f.args = append(f.args, args...)
}

// within adds from <= col < to, leaving out a zero bound.
func (f *filter) within(col string, from, to time.Time) {
	if !from.IsZero() {
		f.add(col+" >= ?", nanos(from))
	}
	if !to.IsZero() {
		f.add(col+" < ?", nanos(to))
	}
}

// query is sel with the conditions, ordered by order and, for a limit
// above zero, limited; it returns the arguments to go with it.
func (f *filter) query(sel, order string, limit int) (string, []any) {
	q, args := sel, f.args
	if len(f.where) > 0 {
		q += " WHERE " + strings.Join(f.where, " AND ")
	}
	q += " ORDER BY " + order
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	return q, args
}
