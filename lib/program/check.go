package program

import (
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Directory is who and where the rows may name.
type Directory struct {
	Areas  []storage.Area
	People []storage.Person
}

// What to do with a new item planned on a day without work (Import.Dates).
const (
	DatesAsk  = ""          // report it (ErrClosedDay) with the next business day, store nothing
	DatesMove = "mover"     // plan it on the next business day
	DatesKeep = "conservar" // keep the date as written
)

// Import is what checking a file needs besides its rows.
type Import struct {
	Dir Directory
	// Existing are the items already in the program, by id: they keep their
	// reminder and ticket, and their dates are not questioned again.
	Existing map[string]storage.PlanItem
	// Calendar tells business days in the institution's zone.
	Calendar *calendar.Calendar
	Now      time.Time
	By       string
	// Dates is DatesAsk, DatesMove or DatesKeep.
	Dates string
}

// Check turns rows into plan items, reporting every row that names an
// unknown area, someone who is not CT staff, or a date that is not a date.
// An item new to the program (not in Existing, by id) may not be planned
// before today, and one planned on a weekend, a holiday or a closed day is
// reported with the next business day, or moved there, as in.Dates says.
func Check(rows []Row, in Import) ([]storage.PlanItem, []Problem) {
	c := checker{in: in, areas: map[string]string{}, staff: map[string]string{}, seen: map[string]int{},
		today: in.Calendar.StartOfDay(in.Now)}
	for _, a := range in.Dir.Areas {
		c.areas[Fold(a.ID)] = a.ID
		c.areas[Fold(a.Name)] = a.ID
	}
	for _, p := range in.Dir.People {
		if p.Role.IsStaff() && !p.Disabled && !p.Pending {
			c.staff[Fold(p.ID)] = p.ID
			c.staff[Fold(p.Name)] = p.ID
		}
	}
	for _, r := range rows {
		c.row(r)
	}
	return c.items, c.probs
}

// checker is a file being checked.
type checker struct {
	in           Import
	areas, staff map[string]string // folded names and ids to ids
	seen         map[string]int    // item ids to their line
	today        time.Time
	items        []storage.PlanItem
	probs        []Problem
}

// row checks one row and keeps its item, or its problems.
func (c *checker) row(r Row) {
	bad := len(c.probs)
	area, ok := c.areas[Fold(r.Area)]
	if !ok {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrArea, Value: r.Area})
	}
	if r.Equipment == "" {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrEquipment})
	}
	planned, okDate := ParseDate(r.Date, c.in.Calendar.Location())
	if !okDate {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrDate, Value: r.Date})
	}
	tec, ok := c.staff[Fold(r.Tecnico)]
	if !ok {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrTecnico, Value: r.Tecnico})
	}
	if len(c.probs) > bad {
		return
	}
	id := ID(area, r.Equipment, planned)
	old, known := c.in.Existing[id]
	if !known && planned.Before(c.today) {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrPast, Value: r.Date})
		return
	}
	if !known && !c.in.Calendar.IsBusinessDay(planned) {
		closed := closedDay(c.in.Calendar, r.Line, planned)
		switch c.in.Dates {
		case DatesMove:
			planned, id = closed.Next, ID(area, r.Equipment, closed.Next)
			old, known = c.in.Existing[id]
		case DatesKeep:
		default:
			c.probs = append(c.probs, closed)
			return
		}
	}
	if other, dup := c.seen[id]; dup {
		c.probs = append(c.probs, Problem{Line: r.Line, Kind: ErrDuplicate, Value: r.Equipment, Other: other})
		return
	}
	c.seen[id] = r.Line
	item := storage.PlanItem{ID: id, Area: area, Equipment: r.Equipment, Planned: planned, Tecnico: tec,
		Notes: r.Notes, Imported: c.in.Now, By: c.in.By}
	if known {
		item.Reminded, item.Folio = old.Reminded, old.Folio
	}
	c.items = append(c.items, item)
}

// closedDay is the problem of a date without work: the day, why there is
// no work (a holiday's or closed day's name; "" on a weekend) and the next
// business day.
func closedDay(cal *calendar.Calendar, line int, day time.Time) Problem {
	why, _ := cal.Holiday(day)
	return Problem{Line: line, Kind: ErrClosedDay, Value: day.Format(calendar.Layout), Date: day,
		Why: why, Next: cal.AddBusinessDays(day, 1)}
}

// OnlyClosedDays reports whether every problem is a date without work: the
// file is right, and only needs the decision of Import.Dates.
func OnlyClosedDays(probs []Problem) bool {
	for _, p := range probs {
		if p.Kind != ErrClosedDay {
			return false
		}
	}
	return len(probs) > 0
}
