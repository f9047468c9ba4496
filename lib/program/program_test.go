package program

import (
	"testing"
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

func TestReadAndCheck(t *testing.T) {
	loc := time.FixedZone("CST", -6*3600)
	now := time.Date(2026, 11, 11, 10, 0, 0, 0, loc)
	dir := Directory{
		Areas:  []storage.Area{{ID: "finanzas", Name: "Dirección de Finanzas"}},
		People: []storage.Person{{ID: "beto", Name: "Beto Ruiz", Role: storage.RoleTecnico}, {ID: "rosa", Name: "Rosa Díaz", Role: storage.RoleUsuario}},
	}
	tests := []struct {
		name, file, data string
		items            int
		kinds            []string
	}{
		{"csv comma", "p.csv", "area,equipo,fecha,tecnico\nfinanzas,Impresora,19/11/2026,beto\n", 1, nil},
		{"csv semicolon accents", "p.csv", "\ufeffÁrea;Equipo;Fecha programada;Técnico\nDIRECCION DE FINANZAS;Impresora;2026-11-19;beto ruiz\n", 1, nil},
		{"yaml list", "p.yml", "- area: finanzas\n  equipo: Proyector\n  fecha: 20/11/2026\n  tecnico: beto\n", 1, nil},
		{"missing column", "p.csv", "area,equipo,tecnico\nfinanzas,Impresora,beto\n", 0, []string{ErrColumns}},
		{"empty", "p.csv", "area,equipo,fecha,tecnico\n", 0, []string{ErrEmpty}},
		{"usuaria as técnico", "p.csv", "area,equipo,fecha,tecnico\nfinanzas,Impresora,19/11/2026,rosa\n", 0, []string{ErrTecnico}},
		{"bad yaml", "p.yaml", "items: [\n", 0, []string{ErrFormat}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows, probs := Read(tc.file, []byte(tc.data))
			var items []storage.PlanItem
			if len(probs) == 0 {
				items, probs = Check(rows, Import{Dir: dir, Calendar: calendar.New(loc), Now: now, By: "ana"})
			}
			if len(items) != tc.items || len(probs) != len(tc.kinds) {
				t.Fatalf("got %d items, problems %v; want %d items, %v", len(items), probs, tc.items, tc.kinds)
			}
			for i, k := range tc.kinds {
				if probs[i].Kind != k {
					t.Errorf("problem %d is %s, want %s", i, probs[i].Kind, k)
				}
			}
		})
	}
}

func TestIDIsStable(t *testing.T) {
	d := time.Date(2026, 11, 19, 0, 0, 0, 0, time.UTC)
	if ID("finanzas", "Impresora  HP", d) != ID("finanzas", "impresora hp", d) {
		t.Error("the same equipment written differently got two ids")
	}
	if ID("finanzas", "Impresora", d) == ID("finanzas", "Impresora", d.AddDate(0, 0, 1)) {
		t.Error("two dates got one id")
	}
}

// TestClosedDays: a new item planned on a weekend, an official holiday or a
// closed day is reported with the next business day, and moved there or
// kept as written when asked; an item already in the program is not
// questioned again.
func TestClosedDays(t *testing.T) {
	loc := time.FixedZone("CST", -6*3600)
	now := time.Date(2026, 11, 11, 10, 0, 0, 0, loc)
	cal := calendar.New(loc, calendar.Closed{Name: "Vacaciones de invierno",
		From: calendar.Day(2026, 12, 21), To: calendar.Day(2027, 1, 6)})
	dir := Directory{
		Areas:  []storage.Area{{ID: "finanzas", Name: "Dirección de Finanzas"}},
		People: []storage.Person{{ID: "beto", Name: "Beto Ruiz", Role: storage.RoleTecnico}},
	}
	file := "area,equipo,fecha,tecnico\n" +
		"finanzas,Impresora,19/11/2026,beto\n" + // a Thursday
		"finanzas,Proyector,14/11/2026,beto\n" + // a Saturday
		"finanzas,Conmutador,16/11/2026,beto\n" + // third Monday of November: Revolución
		"finanzas,Servidor,23/12/2026,beto\n" // winter vacation, until 6 Jan
	rows, probs := Read("p.csv", []byte(file))
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	day := func(m time.Month, d, y int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, loc) }

	items, probs := Check(rows, Import{Dir: dir, Calendar: cal, Now: now, By: "ana"})
	if len(items) != 1 || len(probs) != 3 || !OnlyClosedDays(probs) {
		t.Fatalf("asked: %d items, problems %v; want the Thursday's item and three dates without work", len(items), probs)
	}
	want := []struct {
		line int
		why  string
		next time.Time
	}{
		{3, "", day(11, 17, 2026)}, // Monday 16 is a holiday: Tuesday 17
		{4, calendar.Revolucion, day(11, 17, 2026)},
		{5, "Vacaciones de invierno", day(1, 7, 2027)},
	}
	for i, w := range want {
		p := probs[i]
		if p.Line != w.line || p.Why != w.why || !p.Next.Equal(w.next) {
			t.Errorf("problem %d = line %d, why %q, next %s; want line %d, %q, %s", i, p.Line, p.Why, p.Next, w.line, w.why, w.next)
		}
	}

	moved, probs := Check(rows, Import{Dir: dir, Calendar: cal, Now: now, By: "ana", Dates: DatesMove})
	if len(moved) != 4 || len(probs) != 0 {
		t.Fatalf("moved: %d items, problems %v; want 4 and none", len(moved), probs)
	}
	if !moved[1].Planned.Equal(day(11, 17, 2026)) || moved[1].ID != ID("finanzas", "Proyector", day(11, 17, 2026)) {
		t.Errorf("the Saturday's item moved to %s as %s; want Tuesday 17/11/2026 with that day's id", moved[1].Planned, moved[1].ID)
	}
	kept, probs := Check(rows, Import{Dir: dir, Calendar: cal, Now: now, By: "ana", Dates: DatesKeep})
	if len(kept) != 4 || len(probs) != 0 || !kept[3].Planned.Equal(day(12, 23, 2026)) {
		t.Fatalf("kept: %d items, problems %v; want 4 with their dates as written", len(kept), probs)
	}

	existing := map[string]storage.PlanItem{}
	for _, it := range kept {
		existing[it.ID] = it
	}
	again, probs := Check(rows, Import{Dir: dir, Existing: existing, Calendar: cal, Now: now, By: "ana"})
	if len(again) != 4 || len(probs) != 0 {
		t.Errorf("re-import of kept dates: %d items, problems %v; want 4 and no question", len(again), probs)
	}
}
