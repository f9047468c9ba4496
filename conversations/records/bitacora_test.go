package records

import (
	"testing"
	"time"

	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// TestPlatforms: each platform once, by the bitácora's name, the last
// joined with «y».
func TestPlatforms(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []string
		want string
	}{
		{"one", []string{"telegram"}, "Telegram"},
		{"two", []string{"telegram", "slack", "telegram"}, "Telegram y Slack"},
		{"three", []string{"console", "telegram", "matrix"}, "la consola, Telegram y matrix"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Platforms(tc.in); got != tc.want {
				t.Errorf("Platforms(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestActionDetail: the date, the note without its final stop, the files;
// a signature goes first.
func TestActionDetail(t *testing.T) {
	ac := &workflow.ActionCtx{Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Note: "Listo.",
		Files: []storage.Attachment{{Name: "a.jpg"}, {Name: "b.jpg"}}}
	want := "fecha 01/12/2026; Listo; archivos: a.jpg, b.jpg"
	if got := ActionDetail(ac); got != want {
		t.Errorf("ActionDetail = %q, want %q", got, want)
	}
	if got, want := Signed("conformidad", ""), "Firma: conformidad"; got != want {
		t.Errorf("Signed with no detail = %q, want %q", got, want)
	}
	if got, want := Signed("conformidad", "x"), "Firma: conformidad; x"; got != want {
		t.Errorf("Signed = %q, want %q", got, want)
	}
}
