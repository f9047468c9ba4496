package texts

import "testing"

func TestFill(t *testing.T) {
	vars := map[string]string{"folio": "CT-2026-0042", "nombre": "Rosa {folio}", "n": "3"}
	tests := []struct{ name, text, want string }{
		{"one name", "Tu folio es {folio}.", "Tu folio es CT-2026-0042."},
		{"names side by side", "{n}{folio}", "3CT-2026-0042"},
		{"a value is not read again", "Hola, {nombre}", "Hola, Rosa {folio}"},
		{"an unknown name stays", "{otro} y {n}", "{otro} y 3"},
		{"a brace before a name", "{{n}}", "{3}"},
		{"a brace never closed", "costo {n} {sin cierre", "costo 3 {sin cierre"},
		{"no names", "sin llaves", "sin llaves"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fill(tc.text, vars); got != tc.want {
				t.Errorf("fill(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
