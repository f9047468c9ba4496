package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// A temporary password nobody signed for is taken back from the holder's
// and the técnico's chats 24 h after it was handed out, once, whichever
// of two replicas runs the job; the holder keeps the button to sign.
func TestPasswordsTakenBack(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			a := mustEnv(t, st, at(2026, 11, 23, 9, 0))
			b := mustReplica(t, st, a.clock, "b")
			folio := mustTicket(t, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_firmar",
				Assignee: "beto", Fields: map[string]string{"accion": "alta", "cuenta": "rosa.diaz@upe.edu.mx"}, Created: at(2026, 11, 23, 9, 0),
				History: []storage.Transition{
					{At: at(2026, 11, 23, 9, 0), By: "rosa", To: "recibida", Action: "solicitar"},
					{At: at(2026, 11, 23, 10, 0), By: "beto", From: "recibida", To: "por_firmar", Action: "completar"}}})

			if got := takeBacks(a.runAt(t, at(2026, 11, 24, 9, 50))); len(got) != 0 {
				t.Errorf("taken back before 24 h: %v", got)
			}
			a.clock.Set(at(2026, 11, 24, 10, 10))
			ctx := context.Background()
			for _, e := range []*env{a, b} {
				if err := e.s.RunDue(ctx); err != nil {
					t.Fatal(err)
				}
			}
			got := takeBacks(a.drain(t))
			if len(got) != 2 || got["rosa"] != folio+" firmar" || got["beto"] != folio {
				t.Errorf("take-backs after 24 h = %v, want rosa's (with the button to sign) and beto's, once", got)
			}
			if got := takeBacks(b.runAt(t, at(2026, 11, 24, 10, 30))); len(got) != 0 {
				t.Errorf("taken back again: %v", got)
			}
		})
	}
}

// takeBacks lists the take-back messages by recipient: the folio, and
// " firmar" when it offers the button to sign.
func takeBacks(msgs []conversations.Message) map[string]string {
	out := map[string]string{}
	for _, m := range msgs {
		if m.TakeBack == "" {
			continue
		}
		if _, dup := out[m.To]; dup {
			out[m.To] += " twice"
			continue
		}
		v := m.TakeBack
		for _, row := range m.Buttons {
			for _, bt := range row {
				if strings.Contains(bt.Code, ":firmar:") {
					v += " firmar"
				}
			}
		}
		if !strings.HasPrefix(m.Text, "Contraseña entregada el 23/11/2026 10:00") {
			v += " wrong text " + m.Text
		}
		out[m.To] = v
	}
	return out
}
