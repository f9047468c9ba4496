package procedures_test

import (
	"slices"
	"testing"

	"ctdesk/conversations/procedures"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// TestAll: the five services of the procedure, in menu order, each a valid
// declaration whose every workflow can end.
func TestAll(t *testing.T) {
	var ids []string
	for _, s := range procedures.All() {
		ids = append(ids, s.ID)
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
		if !s.Ready {
			t.Errorf("%s: not ready to be requested", s.ID)
		}
		ends := false
		for _, a := range s.Actions {
			ends = ends || a.To == storage.StatusClosed
		}
		if !ends {
			t.Errorf("%s: no action closes a ticket", s.ID)
		}
	}
	if want := []string{"mantenimiento", "web", "correo", "diseno", "control-escolar"}; !slices.Equal(ids, want) {
		t.Errorf("services: got %v, want %v", ids, want)
	}
}

// TestTexts: every status and action of every service reads as words in
// every language — a status name, a button label, and the stamp a pressed
// message gets once the action applied («✔ Aprobada por …») — never a key.
func TestTexts(t *testing.T) {
	for _, lang := range texts.Languages() {
		for _, s := range procedures.All() {
			for _, st := range s.Statuses() {
				if k := texts.Pick(lang, s.ID+".status."+st, "status."+st, ""); k == "" {
					t.Errorf("%s %s: status %q has no name", lang, s.ID, st)
				}
			}
			for _, a := range s.Actions {
				if k := texts.Pick(lang, s.ID+".act."+a.ID, "act."+a.ID, ""); k == "" {
					t.Errorf("%s %s: action %q has no label", lang, s.ID, a.ID)
				}
				if k := texts.Pick(lang, s.ID+".stamp."+a.ID, "stamp."+a.ID, ""); k == "" {
					t.Errorf("%s %s: action %q has no stamp", lang, s.ID, a.ID)
				}
			}
		}
	}
}
