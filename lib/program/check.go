package program

import (
	"time"

	"ctdesk/storage"
)

// Directory is who and where the rows may name.
type Directory struct {
	Areas  []storage.Area
	People []storage.Person
}

// Check turns rows into plan items, reporting every row that names an
// unknown area, someone who is not CT staff, or a date that is not a date.
// An item new to the program (not in existing, by id) may not be planned
// before today; existing items keep their reminder and ticket.
func Check(rows []Row, dir Directory, existing map[string]storage.PlanItem, loc *time.Location, now time.Time, by string) ([]storage.PlanItem, []Problem) {
	areas := map[string]string{}
	for _, a := range dir.Areas {
		areas[Fold(a.ID)] = a.ID
		areas[Fold(a.Name)] = a.ID
	}
	staff := map[string]string{}
	for _, p := range dir.People {
		if p.Role.IsStaff() && !p.Disabled && !p.Pending {
			staff[Fold(p.ID)] = p.ID
			staff[Fold(p.Name)] = p.ID
		}
	}
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
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
		if other, dup := seen[id]; dup {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrDuplicate, Value: r.Equipment, Other: other})
			continue
		}
		seen[id] = r.Line
		item := storage.PlanItem{
			ID: id, Area: area, Equipment: r.Equipment, Planned: planned, Tecnico: tec,
			Notes: r.Notes, Imported: now, By: by,
		}
		if old, ok := existing[id]; ok {
			item.Reminded, item.Folio = old.Reminded, old.Folio
		} else if planned.Before(today) {
			probs = append(probs, Problem{Line: r.Line, Kind: ErrPast, Value: r.Date})
			continue
		}
		items = append(items, item)
	}
	return items, probs
}
