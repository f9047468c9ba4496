package conversations_test

import (
	"strings"
	"testing"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// TestEmailErrorsQuoteWhatWasTyped: a refused address is quoted as the
// person typed it, and the example is in the configured domain (or names
// none when there is none configured).
func TestEmailErrorsQuoteWhatWasTyped(t *testing.T) {
	tests := []struct {
		name, domain string
		want, never  []string
	}{
		{"configured domain", "ejemplo.mx",
			[]string{"«no es correo» no es una dirección", "nombre.apellido@ejemplo.mx"},
			[]string{"no es correo@", "upe.edu.mx", "universidad.edu.mx"}},
		{"no domain configured", "",
			[]string{"«no es correo» no es una dirección", "@ y el dominio"},
			[]string{"no es correo@", ".edu.mx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := convtest.SQLite(t)
			convtest.Seed(t, st)
			e, err := conversations.New(conversations.Config{MailDomain: tt.domain, Location: convtest.Location(),
				Now: convtest.NewClock(start).Now}, st, conversations.DefaultServices()...)
			if err != nil {
				t.Fatal(err)
			}
			for i, text := range []string{"/nueva", "correo", "3", "1", "Rosa Díaz", "Analista", "2"} {
				say(t, e, "w"+string(rune('a'+i)), "rosa", text)
			}
			got := say(t, e, "x1", "rosa", "  no es correo ")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("answer lacks %q:\n%s", w, got)
				}
			}
			for _, n := range tt.never {
				if strings.Contains(got, n) {
					t.Errorf("answer has %q:\n%s", n, got)
				}
			}
			if got := say(t, e, "x2", "rosa", "ñ@ejemplo.mx"); !strings.Contains(got, "«ñ@ejemplo.mx» no es una dirección") {
				t.Errorf("a non-ASCII address was not refused: %q", got)
			}
			if got := say(t, e, "x3", "rosa", "rosa.diaz@ejemplo.mx"); !strings.Contains(got, "justificación") {
				t.Errorf("a valid address was not taken: %q", got)
			}
		})
	}
}
