package main

import (
	"path/filepath"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// TestTelegramPolling starts ctdesk with TELEGRAM_TOKEN and
// TELEGRAM_API_ENDPOINT pointing at a fake Bot API: the menu is published
// and a requester is served in her chat.
func TestTelegramPolling(t *testing.T) {
	srv := telegramtest.New(t)
	vars := map[string]string{
		"CTDESK_CONFIG":         "../internal/config/example.yaml",
		"CTDESK_DATA":           filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	}
	serveUntilEnd(t, vars)

	rosa := telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz"}
	srv.SendText(rosa, "/nueva")
	menu := srv.WaitMessage(t, rosa.ID, "¿Qué servicio necesitas", 15*time.Second)
	var data string
	for _, row := range menu.Buttons {
		for _, b := range row {
			if b.Text == "Cuenta de correo electrónico" {
				data = b.Data
			}
		}
	}
	if data == "" {
		t.Fatalf("menu without the correo button: %+v", menu.Buttons)
	}
	srv.Press(rosa, menu, data)
	srv.WaitMessage(t, rosa.ID, "(1/6)", 15*time.Second)
	telegramtest.WaitFor(t, func() bool { return len(srv.Answers()) == 1 }, 5*time.Second)
	if cmds := srv.Commands(); len(cmds) == 0 || cmds[0].Command != "start" {
		t.Errorf("commands = %+v", cmds)
	}
	if len(srv.CommandsFor("chat:1001", "")) == 0 {
		t.Errorf("the coordinator's chat has no staff commands")
	}
	if srv.Malformed() != 0 || srv.TooMany() != 0 {
		t.Errorf("malformed %d, throttled %d: %+v", srv.Malformed(), srv.TooMany(), srv.Errors())
	}
}
