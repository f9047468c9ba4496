package conversations_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// BenchmarkFormAnswer measures one typed answer of a form through the
// engine and a real store: load the dialog, validate, commit the new state.
// Each iteration is one update of one of 200 people filling the form.
func BenchmarkFormAnswer(b *testing.B) {
	for name, open := range convtest.Stores() {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			clock := convtest.NewClock(start)
			e := newEngine(b, st, clock)
			ctx := context.Background()
			const people = 200
			for i := 0; i < people; i++ {
				id := fmt.Sprintf("u%03d", i)
				if err := st.PutPerson(ctx, storage.Person{ID: id, Name: "Persona " + id, Role: storage.RoleUsuario, Area: "finanzas"}); err != nil {
					b.Fatal(err)
				}
			}
			e.Invalidate()
			for i := 0; i < people; i++ {
				id := fmt.Sprintf("u%03d", i)
				for j, text := range []string{"/nueva", "correo", "1"} {
					if _, err := e.Handle(ctx, conversations.Event{ID: fmt.Sprintf("s-%s-%d", id, j), Person: id, Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				id := fmt.Sprintf("u%03d", i%people)
				// The holder's name: valid, so the dialog moves on and the next
				// iteration of this person answers the position, then (the
				// form repeats the same two fields via corrections) stays small.
				ev := conversations.Event{ID: fmt.Sprintf("b-%d", i), Person: id, Text: "Nombre Completo De Prueba"}
				if _, err := e.Handle(ctx, ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestDialogStaysSmall keeps a half-filled form under 1 KB in the store
// (DESIGN §7: store the answers, not a replay log).
func TestDialogStaysSmall(t *testing.T) {
	st := convtest.SQLite(t)
	clock := convtest.NewClock(start)
	e := newEngine(t, st, clock)
	ctx := context.Background()
	steps := []string{"/nueva", "correo", "1", "Rosa Díaz Martínez", "Analista de presupuesto", "2", "rosa.diaz@upe.edu.mx",
		"Ingresó a la Dirección de Finanzas y necesita una cuenta de correo institucional para su trabajo diario."}
	largest := 0
	for i, text := range steps {
		if _, err := e.Handle(ctx, conversations.Event{ID: fmt.Sprintf("ev-%d", i), Person: "rosa", Text: text}); err != nil {
			t.Fatal(err)
		}
		d, err := st.Dialog(ctx, "rosa")
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			t.Fatalf("after %q: %v", text, err)
		}
		largest = max(largest, len(d.Data))
	}
	if largest > 1024 {
		t.Errorf("a filled correo form keeps %d bytes of dialog state, want ≤ 1024", largest)
	}
	t.Logf("largest dialog state: %d bytes", largest)
}
