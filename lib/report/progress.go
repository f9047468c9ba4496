package report

import (
	"time"

	"ctdesk/storage"
)

// Progress is how the quarter went for the Programa Anual de Mantenimiento
// Preventivo CT-RG.01: the items planned in the quarter and what became of
// each.
type Progress struct {
	Planned int
	// Done were closed before the period ended; Cancelled were cancelled
	// or declined; Pending are the rest (not opened yet, open, or closed
	// after the period).
	Done, Pending, Cancelled int
	// Rescheduled are the items whose work was moved past the planned day:
	// a committed date after it, or a date that changed. They count as
	// done or pending too.
	Rescheduled int
	Items       []PlanRow
}

// PlanRow is one planned item and what became of it.
type PlanRow struct {
	Planned                  time.Time
	Equipment, Area, Tecnico string // Area and Tecnico by name
	Folio                    string // the programmed ticket, "" until opened
	State                    string // "realizado", "pendiente", "por abrir", "cancelado"
	Closed                   time.Time
	Rescheduled              bool
	NewDate                  time.Time // the last committed date, when rescheduled
}

// progress follows the items planned in the quarter through their
// programmed tickets, as they stood at end.
func progress(items []storage.PlanItem, tickets []storage.Ticket, end time.Time, loc *time.Location, cfg Config) Progress {
	byFolio := make(map[string]*storage.Ticket, len(tickets))
	for i := range tickets {
		byFolio[tickets[i].Folio] = &tickets[i]
	}
	var p Progress
	for _, it := range items {
		row := PlanRow{Planned: it.Planned, Equipment: it.Equipment, Area: name(cfg.Areas, it.Area),
			Tecnico: name(cfg.People, it.Tecnico), Folio: it.Folio, State: "por abrir"}
		p.Planned++
		t, opened := byFolio[it.Folio]
		switch {
		case !opened:
			p.Pending++
		case t.Status == storage.StatusCancelled || t.Status == storage.StatusRejected:
			row.State = "cancelado"
			p.Cancelled++
		default:
			o := classify(t, end, loc, nil)
			row.State, row.Closed = "pendiente", o.closedAt
			if o.fulfilled {
				row.State = "realizado"
				p.Done++
			} else {
				p.Pending++
			}
			if due := t.DueDate(); len(t.Dates) > 1 || (!due.IsZero() && laterDay(due, it.Planned, loc)) {
				row.Rescheduled, row.NewDate = true, due
				p.Rescheduled++
			}
		}
		p.Items = append(p.Items, row)
	}
	return p
}

// laterDay reports whether a's day comes after b's day in loc.
func laterDay(a, b time.Time, loc *time.Location) bool {
	ay, am, ad := a.In(loc).Date()
	by, bm, bd := b.In(loc).Date()
	return time.Date(ay, am, ad, 0, 0, 0, 0, time.UTC).After(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC))
}
