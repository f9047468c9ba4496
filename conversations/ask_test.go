package conversations_test

import (
	"fmt"
	"strings"
	"testing"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// TestInputAsksLikeForm: a question an action asks (a committed date, the
// técnico to assign) and the same kind of question in a form take the same
// answers and say the same thing about a bad one, then ask again.
func TestInputAsksLikeForm(t *testing.T) {
	e := newEngine(t, convtest.SQLite(t), convtest.NewClock(start))
	seq := 0
	// say returns what everyone was told.
	say := func(who, text, button string) string {
		t.Helper()
		seq++
		res := handle(t, e, conversations.Event{ID: fmt.Sprintf("a%d", seq), Person: who, Text: text, Button: button})
		var out []string
		for _, m := range res.Messages {
			out = append(out, m.To+": "+m.Text)
		}
		return strings.Join(out, "\n")
	}
	const badDate, badChoice = "No entendí la fecha", "no está en la lista"

	// A form: diseño asks for the event's date, then which pieces.
	for _, text := range []string{"/nueva", "diseño", "Semana de la ciencia"} {
		say("rosa", text, "")
	}
	if got := say("rosa", "el día que sea", ""); !strings.Contains(got, badDate) || !strings.Contains(got, "(2/7)") {
		t.Errorf("form, bad date: %q; want %q and the question again", got, badDate)
	}
	say("rosa", "15/12/2026", "")
	if got := say("rosa", "una lona enorme", ""); !strings.Contains(got, badChoice) || !strings.Contains(got, "(3/7)") {
		t.Errorf("form, bad choice: %q; want %q and the question again", got, badChoice)
	}
	for _, text := range []string{"2", "Lona de 2 x 1 m", "Semana de la ciencia 2026", "10/12/2026", "omitir"} {
		say("rosa", text, "")
	}
	say("rosa", "", "c:send") // CT-2026-0001

	// An action's input: the coordinator assigns it, choosing the técnico.
	say("ana", "", "t:CT-2026-0001:asignar:1")
	if got := say("ana", "Pedro", ""); !strings.Contains(got, badChoice) || !strings.Contains(got, "¿A quién se la asignas?") {
		t.Errorf("input, bad choice: %q; want %q and the question again", got, badChoice)
	}
	if got := say("ana", "2", ""); !strings.Contains(got, "rosa: Tu solicitud CT-2026-0001 quedó asignada a Beto Ruiz") {
		t.Errorf("input, choice by number: %q; want it assigned to Beto Ruiz", got)
	}
	// The técnico commits a delivery date: a date like the form's.
	say("beto", "", "t:CT-2026-0001:analizar:2")
	if got := say("beto", "el día que sea", ""); !strings.Contains(got, badDate) || !strings.Contains(got, "¿Para qué fecha te comprometes") {
		t.Errorf("input, bad date: %q; want %q and the question again", got, badDate)
	}
	if got := say("beto", "14/12/2026", ""); !strings.Contains(got, "14/12/2026") {
		t.Errorf("input, good date: %q; want the committed date", got)
	}
}
