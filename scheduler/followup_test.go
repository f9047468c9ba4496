package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// A visto bueno pending past the delay (48 h) reminds the supervisor with
// the buttons to answer; past twice the delay the coordinator is told. A
// ticket past its committed date tells its técnico, once per date.
func TestFollowUp(t *testing.T) {
	st := convtest.SQLite(t)
	e := mustEnv(t, st, at(2026, 11, 23, 9, 0))
	waiting := mustTicket(t, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_aprobar",
		Fields: map[string]string{"accion": "alta"}, Created: at(2026, 11, 23, 9, 0),
		History: []storage.Transition{{At: at(2026, 11, 23, 9, 0), By: "rosa", To: "por_aprobar", Action: "solicitar"}}})
	late := mustTicket(t, st, storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "en_reparacion",
		Assignee: "beto", Created: at(2026, 11, 17, 9, 0), Dates: []storage.CommittedDate{{Date: at(2026, 11, 24, 0, 0), By: "beto"}}})

	first := e.runAt(t, at(2026, 11, 24, 10, 20))
	if n := len(to(first, "luis", "Recordatorio")) + len(to(first, "beto", late)); n != 0 {
		t.Errorf("follow-up too early:%s", texts(first))
	}
	second := e.runAt(t, at(2026, 11, 25, 10, 20))
	remind := to(second, "luis", "Recordatorio: la solicitud "+waiting)
	if len(remind) != 1 || !strings.Contains(remind[0].Text, "de Rosa Díaz espera tu visto bueno desde hace 2 días") ||
		len(remind[0].Buttons) != 1 || !strings.HasPrefix(remind[0].Buttons[0][0].Code, "t:"+waiting+":aprobar:") {
		t.Errorf("approval reminder:%s", texts(second))
	}
	overdue := to(second, "beto", "La solicitud "+late)
	if len(overdue) != 1 || !strings.Contains(overdue[0].Text, "pasó su fecha comprometida, el 24/11/2026") {
		t.Errorf("overdue notice:%s", texts(second))
	}
	if len(to(second, "ana", "esperando el visto bueno")) != 0 {
		t.Errorf("escalated before twice the delay:%s", texts(second))
	}
	third := e.runAt(t, at(2026, 11, 27, 10, 20))
	if len(to(third, "ana", "lleva 4 días esperando el visto bueno de Luis Pérez")) != 1 {
		t.Errorf("no escalation to the coordinator:%s", texts(third))
	}
	if len(to(third, "beto", "pasó su fecha"))+len(to(third, "luis", "Recordatorio")) != 0 {
		t.Errorf("notices repeated:%s", texts(third))
	}
}

// A visto bueno whose approver no platform reaches reminds the coordinator
// instead, naming him; once a message reaches him, he is reminded again.
func TestFollowUpUnreachedApprover(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			e := mustEnv(t, st, at(2026, 11, 23, 9, 0))
			waiting := mustTicket(t, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_aprobar",
				Fields: map[string]string{"accion": "alta"}, Created: at(2026, 11, 23, 9, 0),
				History: []storage.Transition{{At: at(2026, 11, 23, 9, 0), By: "rosa", To: "por_aprobar", Action: "solicitar"}}})
			ctx := context.Background()
			if err := e.eng.Unreachable(ctx, "luis", conversations.Message{To: "luis", Text: "visto bueno de " + waiting}); err != nil {
				t.Fatal(err)
			}
			e.drain(t)
			got := e.runAt(t, at(2026, 11, 25, 10, 20))
			if len(to(got, "luis", "Recordatorio")) != 0 {
				t.Errorf("luis, unreached, was reminded:%s", texts(got))
			}
			instead := to(got, "ana", "Recordatorio: la solicitud "+waiting)
			if len(instead) != 1 || !strings.Contains(instead[0].Text, "el visto bueno de Luis Pérez") || !strings.Contains(instead[0].Text, "no se le pudo avisar") {
				t.Errorf("the coordinator was not reminded in luis's place:%s", texts(got))
			}
			if err := e.eng.Reached(ctx, "luis"); err != nil {
				t.Fatal(err)
			}
			if off, err := e.eng.Unreached(ctx, "luis"); err != nil || off {
				t.Errorf("after a message reached luis, Unreached = %v, %v; want false", off, err)
			}
		})
	}
}
