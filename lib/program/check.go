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
	areas := map[string]string{}
	for _, a := range in.Dir.Areas {
		areas[Fold(a.ID)] = a.ID
		areas[Fold(a.Name)] = a.ID
	}
	staff := map[string]string{}
	for _, p := range in.Dir.People {
		if p.Role.IsStaff() && !p.Disabled && !p.Pending {
			staff[Fold(p.ID)] = p.ID
			staff[Fold(p.Name)] = p.ID
		}
	}
	loc := in.Calendar.Location()
	today := in.Calendar.StartOfDay(in.Now)
	var items []storage.PlanItem
	var probs []Problem
	seen := map[string]int{}
	for _, r := range rows {
		bad := len(probs)
		area, ok := areas[Fold(r.Area)]
		if !ok {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrArea, Value: r.Area})
		}
		if r.Equipment == "" {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrEquipment})
		}
		planned, okDate := ParseDate(r.Date, loc)
		if !okDate {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrDate, Value: r.Date})
		}
		tec, ok := staff[Fold(r.Tecnico)]
		if !ok {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrTecnico, Value: r.Tecnico})
		}
		if len(probs) > bad {
			continue
		}
		id := ID(area, r.Equipment, planned)
		old, known := in.Existing[id]
		if !known && planned.Before(today) {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrPast, Value: r.Date})
			continue
		}
		if !known && !in.Calendar.IsBusinessDay(planned) {
			closed := closedDay(in.Calendar, r.Line, planned)
			switch in.Dates {
			case DatesMove:
				planned, id = closed.Next, ID(area, r.Equipment, closed.Next)
				old, known = in.Existing[id]
			case DatesKeep:
			default:
				probs = append(probs, closed)
				continue
			}
		}
		if other, dup := seen[id]; dup {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrDuplicate, Value: r.Equipment, Other: other})
			continue
		}
		seen[id] = r.Line
		item := storage.PlanItem{
			ID: id, Area: area, Equipment: r.Equipment, Planned: planned, Tecnico: tec,
			Notes: r.Notes, Imported: in.Now, By: in.By,
		}
		if known {
			item.Reminded, item.Folio = old.Reminded, old.Folio
		}
		items = append(items, item)
	}
	return items, probs
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
