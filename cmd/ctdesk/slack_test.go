package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/slack/slacktest"
)

// slackConfig is the example directory with everyone on Slack only.
const slackConfig = `institution: Universidad Politécnica de Ejemplo
timezone: America/Mexico_City
language: es
mail_domain: upe.edu.mx
areas:
  - {id: finanzas, name: Dirección de Finanzas, supervisor: luis}
  - {id: tecnologias, name: Coordinación de Tecnologías, supervisor: ana}
  - {id: rectoria, name: Rectoría, supervisor: rect}
people:
  - {id: ana,  name: Ana López,  role: coordinador, area: tecnologias, slack: U01ANA}
  - {id: beto, name: Beto Ruiz,  role: tecnico,     area: tecnologias, slack: U01BETO}
  - {id: luis, name: Luis Pérez, role: supervisor,  area: finanzas,    slack: U02LUIS}
  - {id: rosa, name: Rosa Díaz,  role: usuario,     area: finanzas,    slack: U02ROSA}
  - {id: rect, name: Rectoría,   role: autoridad,   area: rectoria,    telegram: 3001}
`

// startSlack runs ctdesk serve with vars until the test ends.
func startSlack(t *testing.T, vars map[string]string) {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "ctdesk.yaml")
	if err := os.WriteFile(cfg, []byte(slackConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	vars["CTDESK_CONFIG"] = cfg
	vars["CTDESK_DATA"] = filepath.Join(t.TempDir(), "ctdesk.db")
	serveUntilEnd(t, vars)
}

// serveUntilEnd runs ctdesk serve with the environment vars until the test ends,
// and checks that it stops cleanly.
func serveUntilEnd(t *testing.T, vars map[string]string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out, errOut bytes.Buffer
	go func() { done <- run(ctx, []string{"serve"}, env(vars), strings.NewReader(""), &out, &errOut) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v\n%s", err, errOut.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("ctdesk did not stop")
		}
	})
}

// slackPress presses label on the newest bot message to user that shows it.
func slackPress(t *testing.T, srv *slacktest.Server, user, label string) {
	t.Helper()
	var m slacktest.Message
	slacktest.WaitFor(t, user+"'s button "+label, 15*time.Second, func() bool {
		msgs := srv.BotMessages(user)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, l := range msgs[i].Labels() {
				if l == label {
					m = msgs[i]
					return true
				}
			}
		}
		return false
	})
	if _, err := srv.Press(user, m, label); err != nil {
		t.Fatal(err)
	}
}

// slackSubmitCorreo has the Slack user fill and send a correo alta, and
// waits until the supervisor is asked for his visto bueno.
func slackSubmitCorreo(t *testing.T, srv *slacktest.Server, user string) {
	t.Helper()
	srv.Slash(user, "", "/ctdesk", "")
	srv.WaitMessage(t, user, 0, "¿Qué servicio necesitas", 15*time.Second)
	slackPress(t, srv, user, "Cuenta de correo electrónico")
	slackPress(t, srv, user, "Alta (crear una cuenta)")
	srv.WaitMessage(t, user, 0, "(2/6)", 15*time.Second)
	srv.Say(user, "Rosa Díaz Martínez")
	srv.WaitMessage(t, user, 0, "(3/6)", 15*time.Second)
	srv.Say(user, "Analista de presupuesto")
	slackPress(t, srv, user, "Dirección de Finanzas")
	srv.WaitMessage(t, user, 0, "(5/6)", 15*time.Second)
	srv.Say(user, "rosa.diaz@upe.edu.mx")
	srv.WaitMessage(t, user, 0, "(6/6)", 15*time.Second)
	srv.Say(user, "Se incorporó a Finanzas y necesita correo institucional.")
	slackPress(t, srv, user, "Enviar")
	srv.WaitMessage(t, user, 0, "Registré tu solicitud", 15*time.Second)
}

// startSlackSocket starts ctdesk in Socket Mode against a fake Slack where
// ana, beto, luis and rosa have their DMs.
func startSlackSocket(t *testing.T) *slacktest.Server {
	t.Helper()
	srv := slacktest.New(t)
	for id, name := range map[string]string{"U01ANA": "ana", "U01BETO": "beto", "U02LUIS": "luis", "U02ROSA": "rosa"} {
		srv.AddUser(id, name)
	}
	startSlack(t, map[string]string{
		"CTDESK_HTTP_ADDR": "127.0.0.1:0",
		"SLACK_BOT_TOKEN":  srv.BotToken(),
		"SLACK_APP_TOKEN":  srv.AppToken(),
		"SLACK_API_URL":    srv.APIURL(),
	})
	return srv
}

// TestSlackSocketMode starts ctdesk with SLACK_BOT_TOKEN, SLACK_APP_TOKEN
// and SLACK_API_URL pointing at the fake Slack: the correo alta runs in
// DMs, the supervisor approving by button.
func TestSlackSocketMode(t *testing.T) {
	srv := startSlackSocket(t)
	const rosa, luis, beto = "U02ROSA", "U02LUIS", "U01BETO"
	slackSubmitCorreo(t, srv, rosa)
	slackPress(t, srv, luis, "Aprobar")
	srv.WaitMessage(t, rosa, 0, "Luis Pérez dio su visto bueno", 15*time.Second)
	slackPress(t, srv, beto, "Tomar")
	slackPress(t, srv, beto, "Fijar fecha")
	srv.WaitMessage(t, beto, 0, "¿Para qué fecha", 15*time.Second)
	srv.Say(beto, "mañana")
	srv.WaitMessage(t, beto, 0, "márcala como completada", 15*time.Second)
	slackPress(t, srv, beto, "Completar")
	slackPress(t, srv, beto, "Omitir")
	slackPress(t, srv, rosa, "Firmar de recibido")
	srv.WaitMessage(t, rosa, 0, "Registré tu firma de responsabilidad", 15*time.Second)
	if n := srv.Malformed(); n != 0 {
		t.Errorf("%d calls Slack would refuse", n)
	}
}

// TestSlackHTTPRefusesForgery starts ctdesk in HTTP mode: a request with a
// wrong signature gets 401, a signed one is served.
func TestSlackHTTPRefusesForgery(t *testing.T) {
	srv := slacktest.New(t)
	srv.AddUser("U02ROSA", "rosa")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	startSlack(t, map[string]string{
		"CTDESK_HTTP_ADDR":     addr,
		"SLACK_BOT_TOKEN":      srv.BotToken(),
		"SLACK_SIGNING_SECRET": "the-signing-secret",
		"SLACK_API_URL":        srv.APIURL(),
	})
	slacktest.WaitFor(t, "the HTTP listener", 15*time.Second, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	})
	srv.UseHTTP("http://"+addr, "a-wrong-secret")
	srv.Say("U02ROSA", "hola")
	if d := srv.Deliveries(); d[0].Status != http.StatusUnauthorized {
		t.Errorf("forged request: %d, want 401", d[0].Status)
	}
	srv.UseHTTP("http://"+addr, "the-signing-secret")
	srv.Say("U02ROSA", "hola")
	if d := srv.Deliveries(); d[1].Status != http.StatusOK {
		t.Errorf("signed request: %d, want 200", d[1].Status)
	}
	srv.WaitMessage(t, "U02ROSA", 0, "Rosa", 15*time.Second)
	if n := len(srv.BotMessages("U02ROSA")); n != 1 {
		t.Errorf("rosa got %d messages, want 1 (the forged hola changed nothing)", n)
	}
}

// TestSlackPasswordTakenBack: on Slack too, the requester's signature
// deletes the password messages (chat.delete) from her DM and beto's, and
// each is replaced with «Contraseña entregada el …».
func TestSlackPasswordTakenBack(t *testing.T) {
	srv := startSlackSocket(t)
	const rosa, luis, beto = "U02ROSA", "U02LUIS", "U01BETO"
	slackSubmitCorreo(t, srv, rosa)
	slackPress(t, srv, luis, "Aprobar")
	slackPress(t, srv, beto, "Tomar")
	slackPress(t, srv, beto, "Fijar fecha")
	srv.WaitMessage(t, beto, 0, "¿Para qué fecha", 15*time.Second)
	srv.Say(beto, "mañana")
	srv.WaitMessage(t, beto, 0, "márcala como completada", 15*time.Second)
	slackPress(t, srv, beto, "Completar")
	slackPress(t, srv, beto, "Omitir")
	srv.WaitMessage(t, beto, 0, "Contraseña temporal para", 15*time.Second)
	slackPress(t, srv, rosa, "Firmar de recibido")
	for _, who := range []string{rosa, beto} {
		srv.WaitMessage(t, who, 0, "Contraseña entregada el ", 15*time.Second)
		for _, m := range srv.BotMessages(who) {
			if strings.Contains(m.Full(), "Contraseña temporal") {
				t.Errorf("%s's DM still shows the password: %q", who, m.Full())
			}
		}
	}
	if n := len(srv.Calls("chat.delete")); n != 2 {
		t.Errorf("%d chat.delete calls, want 2 (the requester's and beto's)", n)
	}
}
