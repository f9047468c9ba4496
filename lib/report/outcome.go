package report

import (
	"time"

	"ctdesk/storage"
)

// outcome is what one ticket contributes to the indicator of a period.
type outcome struct {
	programmed  bool
	rejected    bool
	cancelled   bool
	awaiting    bool // waiting for a visto bueno when the period ended
	fulfilled   bool // closed before the period ended
	onTime      bool // fulfilled by the end of its last committed day
	reschedules int
	closedAt    time.Time // zero unless closed
}

// classify decides the outcome of t in a period that ends at end.
func classify(t *storage.Ticket, end time.Time, loc *time.Location, awaiting Awaiting) outcome {
	o := outcome{
		programmed:  t.Programmed,
		rejected:    t.Status == storage.StatusRejected,
		cancelled:   t.Status == storage.StatusCancelled,
		awaiting:    awaiting.in(t.Service, statusAt(t, end)),
		reschedules: max(len(t.Dates)-1, 0),
	}
	if t.Status != storage.StatusClosed {
		return o
	}
	o.closedAt = closedAt(t)
	o.fulfilled = o.closedAt.Before(end)
	o.onTime = o.fulfilled && onTime(o.closedAt, t.DueDate(), loc)
	return o
}

// statusAt returns the status t had just before at, from its history; its
// status now when the history does not say.
func statusAt(t *storage.Ticket, at time.Time) string {
	status := ""
	for _, h := range t.History {
		if !h.At.Before(at) {
			break
		}
		status = h.To
	}
	if status == "" {
		return t.Status
	}
	return status
}

// closedAt returns when a closed ticket was closed: Closed, or else the last
// transition to "cerrado", or else its last update.
func closedAt(t *storage.Ticket) time.Time {
	if !t.Closed.IsZero() {
		return t.Closed
	}
	for i := len(t.History) - 1; i >= 0; i-- {
		if t.History[i].To == storage.StatusClosed {
			return t.History[i].At
		}
	}
	return t.Updated
}

// onTime reports whether closed is no later than the end of due's day in loc;
// without a committed date every delivery is on time.
func onTime(closed, due time.Time, loc *time.Location) bool {
	if due.IsZero() {
		return true
	}
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := due.In(loc).Date()
	return closed.Before(time.Date(y, m, d+1, 0, 0, 0, 0, loc))
}
