package procedures_test

import (
	"slices"
	"testing"

	"ctdesk/conversations/procedures"
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
