package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestSecretUndeliveredOffersAnother: a password that never reached rosa
// makes beto, who attends the alta, read so once, with «Generar otra
// contraseña»; the bitácora records it without any password. Pressing it
// hands a new password to beto and to rosa, with her button to sign.
func TestSecretUndeliveredOffersAnother(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			convtest.Seed(t, st)
			e, err := conversations.New(conversations.Config{Location: convtest.Location(), Password: func() string { return "Nueva#Clave234" }},
				st, conversations.DefaultServices()...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			now := time.Now()
			if _, err := st.Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
				Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_firmar", Assignee: "beto",
				Fields:  map[string]string{"accion": "alta", "cuenta": "rosa.diaz@upe.edu.mx", "titular": "Rosa Díaz"},
				Created: now, Updated: now,
				History: []storage.Transition{{At: now, By: "beto", From: "en_proceso", To: "por_firmar", Action: "completar"}}}}}}); err != nil {
				t.Fatal(err)
			}
			folio := "CT-" + now.Format("2006") + "-0001"
			for range 2 {
				if err := e.SecretUndelivered(ctx, "rosa", folio); err != nil {
					t.Fatal(err)
				}
			}
			items, err := st.ClaimOutbox(ctx, time.Now(), time.Minute, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 || items[0].Recipient != "beto" {
				t.Fatalf("outbox = %+v, want one notice for beto", items)
			}
			notice, err := e.Decode(ctx, items[0].Payload)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(notice.Text, "no pudo entregarse a Rosa Díaz") || len(notice.Buttons) != 1 ||
				notice.Buttons[0][0].Label != "Generar otra contraseña" {
				t.Fatalf("beto reads %q with %v", notice.Text, notice.Buttons)
			}
			log, err := st.Log(ctx, storage.LogFilter{Folio: folio})
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 1 || log[0].Action != "contrasena_no_entregada" {
				t.Errorf("bitácora = %+v, want one contrasena_no_entregada", log)
			}
			res, err := e.Handle(ctx, conversations.Event{ID: "press-1", Person: "beto", Button: notice.Buttons[0][0].Code, Pressed: "m1", At: time.Now()})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]conversations.Message{}
			for _, m := range res.Messages {
				if m.Secret {
					got[m.To] = m
				}
			}
			if !strings.Contains(got["beto"].Text, "Nueva#Clave234") || !strings.Contains(got["rosa"].Text, "Nueva#Clave234") ||
				len(got["rosa"].Buttons) != 1 || got["rosa"].Buttons[0][0].Label != "Firmar de recibido" {
				t.Errorf("after «Generar otra contraseña» the secrets are %+v", got)
			}
			log, _ = st.Log(ctx, storage.LogFilter{Folio: folio})
			for _, entry := range log {
				if strings.Contains(entry.Detail, "Nueva#Clave234") {
					t.Errorf("the bitácora shows the password: %+v", entry)
				}
			}
		})
	}
}
