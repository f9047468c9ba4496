package panel

import "testing"

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@a": "'@a", "\tx": "'\tx",
		"": "", "Fusor dañado": "Fusor dañado", "CT-2026-0001": "CT-2026-0001",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}
