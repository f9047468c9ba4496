package ask_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/check"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// fields are one of each kind of question a step asks.
var fields = []workflow.Field{
	{ID: "texto", Kind: workflow.KindText, Max: 40},
	{ID: "opcion", Kind: workflow.KindChoice, Choices: []string{"uno", "dos", "tres"}},
	{ID: "varias", Kind: workflow.KindChoice, Multi: true, Choices: []string{"cartel", "banner", "redes"}},
	{ID: "sino", Kind: workflow.KindYesNo},
	{ID: "correo", Kind: workflow.KindEmail},
	{ID: "sitio", Kind: workflow.KindURL},
	{ID: "nombre", Kind: workflow.KindName},
	{ID: "fecha", Kind: workflow.KindDate, Days: 3},
	{ID: "archivo", Kind: workflow.KindFile},
	{ID: "nota", Kind: workflow.KindText, Optional: true},
	{ID: "area", Kind: workflow.KindChoice, AreaChoice: true},
}

// asking is one question followed by a last one, with what was said.
type asking struct {
	q       *ask.Questions
	env     *ask.Env
	replies []string
}

func newAsking(f workflow.Field) *asking {
	loc, _ := time.LoadLocation("America/Mexico_City")
	a := &asking{}
	a.q = &ask.Questions{
		State:  &ask.State{Field: f.ID, Ans: workflow.Answers{}},
		Fields: []workflow.Field{f, {ID: "fin", Kind: workflow.KindText}},
		Svc:    "prueba",
		Code:   func(v string) string { return chat.Code(chat.KindField, f.ID, v) },
		Prompt: func(f *workflow.Field) string { return "¿" + f.ID + "?" },
	}
	a.env = &ask.Env{
		Lang: "es", Language: "es", Location: loc, Calendar: calendar.New(loc), MailDomain: "uni.mx",
		Now:        time.Date(2026, 12, 7, 10, 0, 0, 0, loc),
		Areas:      func() []storage.Area { return []storage.Area{{ID: "finanzas", Name: "Finanzas"}} },
		Assignable: func() []storage.Person { return nil },
		Reply:      func(text string, _ ...[]chat.Button) { a.replies = append(a.replies, text) },
		Changed:    func() {},
	}
	return a
}

func (a *asking) last() string {
	if len(a.replies) == 0 {
		return ""
	}
	return a.replies[len(a.replies)-1]
}

// TestBadAnswerAskedAgain: a bad answer to any kind of question gets a
// message in Spanish and the same question again, and keeps nothing.
func TestBadAnswerAskedAgain(t *testing.T) {
	cases := []struct {
		field, text, want string
	}{
		{"texto", strings.Repeat("a", 41), texts.Text("es", "form.text.toolong", 40, 41)},
		{"texto", "   ", texts.Text("es", "form.text.empty")},
		{"opcion", "cuatro", texts.Text("es", "form.choice.invalid")},
		{"opcion", "4", texts.Text("es", "form.choice.invalid")},
		{"varias", "cartel y globos", texts.Text("es", "form.pick.invalid", "globos")},
		{"sino", "quizá", texts.Text("es", "form.yesno.invalid")},
		{"correo", "rosa arroba uni", texts.Text("es", "form.email.invalid", "rosa arroba uni", "uni.mx")},
		{"correo", "rosa@gmail.com", texts.Text("es", "form.email.domain", "uni.mx")},
		{"sitio", "no tengo", texts.Text("es", "form.url.invalid")},
		{"nombre", "R2-D2", texts.Text("es", "form.name.invalid")},
		{"fecha", "el día del juicio", texts.Text("es", "form.date.invalid")},
		{"fecha", "01/12/2026", texts.Text("es", "form.date.past", "07/12/2026")},
		{"archivo", "ahí va", texts.Text("es", "form.file.expected")},
	}
	for _, c := range cases {
		t.Run(c.field+"/"+c.text, func(t *testing.T) {
			a := newAsking(fieldOf(c.field))
			done, err := a.q.Answer(context.Background(), a.env, c.text, "")
			if err != nil || done {
				t.Fatalf("Answer(%q) = %v, %v", c.text, done, err)
			}
			if len(a.replies) != 2 || a.replies[0] != c.want || a.replies[1] != "¿"+c.field+"?" {
				t.Errorf("said %q, want %q then the same question", a.replies, c.want)
			}
			if v, ok := a.q.State.Ans[c.field]; ok {
				t.Errorf("kept %q for a bad answer", v)
			}
		})
	}
}

// TestGoodAnswers: what people type is read, however written, and the next
// question follows.
func TestGoodAnswers(t *testing.T) {
	cases := []struct {
		field, text, button, want string
	}{
		{"texto", "  La impresora no enciende ", "", "La impresora no enciende"},
		{"opcion", "DOS", "", "dos"},
		{"opcion", "3", "", "tres"},
		{"opcion", "", "0", "uno"},
		{"varias", "redes, cartel", "", "cartel\nredes"},
		{"varias", "1 3", "", "cartel\nredes"},
		{"sino", "Sí", "", "si"},
		{"sino", "", "n", "no"},
		{"correo", " Rosa.Diaz@uni.mx ", "", "rosa.diaz@uni.mx"},
		{"fecha", "15/01/2027", "", "2027-01-15"},
		{"fecha", "", "d:2026-12-08", "2026-12-08"},
		{"nota", "omitir", "", ""},
		{"area", "finanzas", "", "finanzas"},
	}
	for _, c := range cases {
		t.Run(c.field+"/"+c.text+c.button, func(t *testing.T) {
			a := newAsking(fieldOf(c.field))
			done, err := a.q.Answer(context.Background(), a.env, c.text, c.button)
			if err != nil || done {
				t.Fatalf("Answer = %v, %v", done, err)
			}
			if got, ok := a.q.State.Ans[c.field]; !ok || got != c.want {
				t.Errorf("kept %q (%v), want %q", got, ok, c.want)
			}
			if a.last() != "¿fin?" {
				t.Errorf("then said %q, want the next question", a.last())
			}
		})
	}
}

func fieldOf(id string) workflow.Field {
	for _, f := range fields {
		if f.ID == id {
			return f
		}
	}
	panic("no field " + id)
}

// FuzzAnswer: whatever is typed or pressed, nothing panics and the person
// is never left without a question: either the answer is kept (and valid)
// and the next question asked, or the same question is asked again (a
// multiple choice may show what was picked so far instead).
func FuzzAnswer(f *testing.F) {
	for i := range fields {
		f.Add(uint8(i), "hola", "")
		f.Add(uint8(i), "", "0")
		f.Add(uint8(i), "", "d:2026-12-09")
		f.Add(uint8(i), "", "done")
		f.Add(uint8(i), "omitir", "skip")
	}
	f.Fuzz(func(t *testing.T, which uint8, text, button string) {
		field := fields[int(which)%len(fields)]
		a := newAsking(field)
		done, err := a.q.Answer(context.Background(), a.env, text, button)
		if err != nil || done {
			t.Fatalf("Answer(%q, %q) = %v, %v", text, button, done, err)
		}
		v, kept := a.q.State.Ans[field.ID]
		switch {
		case kept:
			if a.last() != "¿fin?" {
				t.Errorf("kept %q but then said %q", v, a.last())
			}
			if field.Kind == workflow.KindEmail {
				if _, p := check.Email(v, "uni.mx"); p != check.EmailOK {
					t.Errorf("kept the e-mail %q", v)
				}
			}
		case a.q.State.Field != field.ID:
			t.Errorf("moved to %q without an answer", a.q.State.Field)
		case field.Multi && len(a.q.State.Some) > 0:
		case a.last() != "¿"+field.ID+"?":
			t.Errorf("%s: answered %q/%q, said %q: not the same question again", field.ID, text, button, a.replies)
		}
	})
}
