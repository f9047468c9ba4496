package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/slack/slacktest"
	"ctdesk/bot/telegram/telegramtest"
)

// bothConfig has people on Slack (rosa, luis), on Telegram (beto, rect)
// and on both (ana).
const bothConfig = `institution: Universidad Politécnica de Ejemplo
timezone: America/Mexico_City
language: es
mail_domain: upe.edu.mx
areas:
  - {id: finanzas, name: Dirección de Finanzas, supervisor: luis}
  - {id: tecnologias, name: Coordinación de Tecnologías, supervisor: ana}
  - {id: rectoria, name: Rectoría, supervisor: rect}
people:
  - {id: ana,  name: Ana López,  role: coordinador, area: tecnologias, telegram: 1001, slack: U01ANA}
  - {id: beto, name: Beto Ruiz,  role: tecnico,     area: tecnologias, telegram: 1002}
  - {id: luis, name: Luis Pérez, role: supervisor,  area: finanzas,    slack: U02LUIS}
  - {id: rosa, name: Rosa Díaz,  role: usuario,     area: finanzas,    slack: U02ROSA}
  - {id: rect, name: Rectoría,   role: autoridad,   area: rectoria,    telegram: 3001}
`

var rect = telegramtest.User{ID: 3001, FirstName: "Rectoría", LanguageCode: "es"}

// waitReady waits until /readyz answers 200 with every line of want.
func waitReady(t *testing.T, addr string, want ...string) string {
	t.Helper()
	var body string
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var code int
		code, body, _ = readyz(t, addr)
		ok := code == http.StatusOK
		for _, w := range want {
			ok = ok && strings.Contains(body, w)
		}
		if ok {
			return body
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("/readyz never showed %q; last answer:\n%s", want, body)
	return ""
}

// bothPlatforms runs ctdesk on Telegram and Slack (Socket Mode) at the
// given addresses, whether or not anything listens there yet, and returns
// the HTTP listener's address.
func bothPlatforms(t *testing.T, tgAddr, slackAddr string) string {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "ctdesk.yaml")
	if err := os.WriteFile(cfg, []byte(bothConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	serveUntilEnd(t, map[string]string{
		"CTDESK_CONFIG":         cfg,
		"CTDESK_DATA":           filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR":      addr,
		"TELEGRAM_TOKEN":        telegramtest.DefaultToken,
		"TELEGRAM_API_ENDPOINT": "http://" + tgAddr + "/bot%s/%s",
		"SLACK_BOT_TOKEN":       slacktest.DefaultBotToken,
		"SLACK_APP_TOKEN":       slacktest.DefaultAppToken,
		"SLACK_API_URL":         "http://" + slackAddr + "/api/",
	})
	return addr
}

func startSlackAt(t *testing.T, addr string) *slacktest.Server {
	t.Helper()
	srv, err := slacktest.Start(addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	for id, name := range map[string]string{"U01ANA": "ana", "U02LUIS": "luis", "U02ROSA": "rosa"} {
		srv.AddUser(id, name)
	}
	return srv
}

func startTelegramAt(t *testing.T, addr string) *telegramtest.Server {
	t.Helper()
	srv, err := telegramtest.Start(addr, telegramtest.WithLogf(t.Logf))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// TestTelegramDownAtStart: with nothing answering at Telegram's endpoint,
// ctdesk starts, serves Slack, and /readyz stays ready while it names
// Telegram as down; once Telegram answers, it is connected and served.
func TestTelegramDownAtStart(t *testing.T) {
	tgAddr := freeAddr(t)
	sl := startSlackAt(t, freeAddr(t))
	addr := bothPlatforms(t, tgAddr, strings.TrimPrefix(sl.URL(), "http://"))

	sl.Slash("U02ROSA", "", "/ctdesk", "")
	sl.WaitMessage(t, "U02ROSA", 0, "¿Qué servicio necesitas", 20*time.Second)
	body := waitReady(t, addr, "slack: up", "telegram: down")
	if !strings.Contains(body, "getMe") {
		t.Errorf("/readyz does not say why Telegram is down:\n%s", body)
	}

	tg := startTelegramAt(t, tgAddr)
	waitReady(t, addr, "slack: up", "telegram: up")
	tg.SendText(rect, "hola")
	tg.WaitMessage(t, rect.ID, "¿Qué servicio necesitas", 20*time.Second)
}

// TestSlackDownAtStart is the same with Slack absent at start: Telegram
// serves meanwhile.
func TestSlackDownAtStart(t *testing.T) {
	slackAddr := freeAddr(t)
	tg := startTelegramAt(t, freeAddr(t))
	addr := bothPlatforms(t, strings.TrimPrefix(tg.URL(), "http://"), slackAddr)

	tg.SendText(rect, "hola")
	tg.WaitMessage(t, rect.ID, "¿Qué servicio necesitas", 20*time.Second)
	body := waitReady(t, addr, "telegram: up", "slack: down")
	if !strings.Contains(body, "auth.test") {
		t.Errorf("/readyz does not say why Slack is down:\n%s", body)
	}

	sl := startSlackAt(t, slackAddr)
	waitReady(t, addr, "telegram: up", "slack: up")
	sl.Slash("U02ROSA", "", "/ctdesk", "")
	sl.WaitMessage(t, "U02ROSA", 0, "¿Qué servicio necesitas", 20*time.Second)
}
