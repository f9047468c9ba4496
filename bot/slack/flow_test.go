package slack_test

import (
	"strings"
	"testing"
	"time"

	"ctdesk/bot/bottest"
	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// justification has the characters Slack escapes, to see them come back.
const justification = "Ingresó a Finanzas & necesita correo <institucional>."

// TestCorreoOverSocketMode runs the correo alta in Slack DMs: rosa asks,
// luis approves by button, beto completes, rosa signs and rates.
func TestCorreoOverSocketMode(t *testing.T) {
	srv := slacktest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()})
	r.start()
	correo(t, r)

	if n := srv.Malformed(); n != 0 {
		t.Errorf("%d calls Slack would refuse: %+v", n, srv.Calls(""))
	}
	for _, a := range srv.Acks() {
		if a.Latency > 3*time.Second {
			t.Errorf("envelope %s acked after %s, want within 3 s", a.EnvelopeID, a.Latency)
		}
	}
	slacktest.WaitFor(t, "every envelope acked", wait, func() bool { return srv.Unacked() == 0 })
}

// correo plays the flow and checks what each person saw.
func correo(t *testing.T, r *rig) {
	t.Helper()
	defer func() {
		if t.Failed() {
			dump(t, r.srv, rosa)
		}
	}()
	r.say(rosa, "hola", "Rosa")
	r.press(rosa, "Cuenta de correo electrónico", "(1/6)")
	r.press(rosa, "Alta (crear una cuenta)", "(2/6)")
	r.say(rosa, "Rosa Díaz Martínez", "(3/6)")
	r.say(rosa, "Analista de presupuesto", "(4/6)")
	r.press(rosa, "Dirección de Finanzas", "(5/6)")
	// Slack's client sends the address as a mailto link.
	r.say(rosa, "rosa.diaz@upe.edu.mx", "(6/6)")
	summary := r.say(rosa, justification, justification)
	if got := summary.Labels(); strings.Join(got, "|") != "Enviar|Corregir|Cancelar" {
		t.Errorf("summary buttons = %q", got)
	}
	r.press(rosa, "Enviar", "")

	ask := r.button(luis, "Aprobar")
	for _, want := range []string{"rosa.diaz@upe.edu.mx", justification, "Rosa Díaz"} {
		if !strings.Contains(ask.Full(), want) {
			t.Errorf("luis's approval request lacks %q:\n%s", want, ask.Full())
		}
	}
	r.press(luis, "Aprobar", "")
	slacktest.WaitFor(t, "luis's request updated", wait, func() bool {
		for _, m := range r.srv.BotMessages(luis) {
			if m.TS == ask.TS {
				return m.Updates == 1 && len(m.Buttons) == 0 && strings.Contains(m.Full(), "✔ Aprobada por Luis Pérez")
			}
		}
		return false
	})
	r.srv.WaitMessage(t, rosa, 0, "Luis Pérez", wait)

	// The old view of the request, pressed again: refused, nothing changes.
	before := len(r.srv.Ephemerals(luis))
	if _, err := r.srv.Press(luis, ask, "Aprobar"); err != nil {
		t.Fatal(err)
	}
	slacktest.WaitFor(t, "a notice to luis", wait, func() bool { return len(r.srv.Ephemerals(luis)) > before })

	r.press(beto, "Tomar", "")
	r.press(beto, "Fijar fecha", "")
	r.say(beto, "mañana", "márcala como completada")
	r.press(beto, "Completar", "")
	r.press(beto, "Omitir", "")
	secret := r.button(rosa, "Firmar de recibido")
	if !strings.Contains(secret.Full(), bottest.Password) {
		t.Errorf("rosa's account message lacks the temporary password:\n%s", secret.Full())
	}
	r.press(rosa, "Firmar de recibido", "")
	tk := r.ticket(storage.StatusClosed)
	convtest.NoSecret(t, r.st, bottest.Password)
	if tk.Requester != "rosa" || tk.Service != "correo" {
		t.Errorf("ticket %+v", tk)
	}
	r.press(rosa, "★★★★★", "")
	slacktest.WaitFor(t, "the thanks for the rating", wait, func() bool { return len(r.srv.Ephemerals(rosa)) > 0 })
}
