package telegram_test

import (
	"context"
	"strings"
	"testing"

	"ctdesk/bot/bottest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestCorreoFlow runs the alta of an e-mail account over Telegram with four
// people in four chats, with Telegram's rate limits on: rosa asks, luis
// approves, beto takes and completes, rosa gets the password privately and
// signs.
func TestCorreoFlow(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := newRig(t, telegramtest.New(t), open(t), telegram.Config{})
			r.start()
			correoAlta(r)

			r.press(luis, luis.ID, "Aprobar", "✔ Aprobada por Luis Pérez")
			r.waitAfter(rosa.ID, 0, "dio su visto bueno")
			r.waitAfter(ana.ID, 0, "Nueva solicitud en la cola")
			r.waitAfter(beto.ID, 0, "Nueva solicitud en la cola")

			r.press(beto, beto.ID, "Tomar", "Tienes asignada")
			r.press(beto, beto.ID, "Fijar fecha", "¿Para qué fecha")
			r.say(beto, "mañana", "✔ Fecha comprometida fijada")
			r.press(beto, beto.ID, "Completar", "¿Quieres dejar una nota")
			r.press(beto, beto.ID, "Omitir", "Contraseña temporal para")
			pw := r.waitAfter(rosa.ID, 0, "Contraseña temporal: "+bottest.Password)
			if !pw.HasButtons() {
				t.Errorf("the password message has no «Firmar de recibido» button")
			}
			r.press(rosa, rosa.ID, "Firmar de recibido", "Registré tu firma")
			r.idle()

			for _, u := range []telegramtest.User{luis, ana} {
				for _, m := range r.srv.BotMessages(u.ID) {
					if strings.Contains(m.Text, bottest.Password) {
						t.Errorf("%s saw the temporary password", u.FirstName)
					}
				}
			}
			convtest.NoSecret(t, r.st, bottest.Password)
			tk := onlyTicket(t, r.st)
			if !tk.Terminal() {
				t.Errorf("ticket %s status = %s, want closed", tk.Folio, tk.Status)
			}
			if got := len(r.srv.Answers()); got != r.presses {
				t.Errorf("answered %d presses, want %d", got, r.presses)
			}
			r.clean()
		})
	}
}

// correoAlta makes rosa fill and send the alta form; it returns when luis
// has the approval request.
func correoAlta(r *rig) {
	r.t.Helper()
	r.say(rosa, "hola", "¿Qué servicio necesitas")
	r.press(rosa, rosa.ID, "Cuenta de correo electrónico", "(1/6)")
	r.press(rosa, rosa.ID, "Alta (crear una cuenta)", "(2/6)")
	r.say(rosa, "Rosa Díaz Martínez", "(3/6)")
	r.say(rosa, "Analista de presupuesto", "(4/6)")
	r.press(rosa, rosa.ID, "Dirección de Finanzas", "(5/6)")
	r.say(rosa, "rosa.diaz@upe.edu.mx", "(6/6)")
	r.say(rosa, "Ingresó a la Dirección de Finanzas y necesita correo institucional.", "Revisa tu solicitud")
	r.press(rosa, rosa.ID, "Enviar", "Registré tu solicitud CT-")
	r.waitAfter(luis.ID, 0, "pide tu visto bueno")
}

func onlyTicket(tb testing.TB, st storage.Store) storage.Ticket {
	tb.Helper()
	tks, err := st.Tickets(context.Background(), storage.TicketFilter{})
	if err != nil {
		tb.Fatalf("tickets: %v", err)
	}
	if len(tks) != 1 {
		tb.Fatalf("tickets = %d, want 1", len(tks))
	}
	return tks[0]
}
