package program

import (
	"testing"
	"time"

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
				items, probs = Check(rows, dir, nil, loc, now, "ana")
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
