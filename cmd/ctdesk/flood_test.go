package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// TestFloodLimitsRefused: lifting the pacing is refused unless the Bot API
// is a test server, before anything is sent to Telegram.
func TestFloodLimitsRefused(t *testing.T) {
	for _, tc := range []struct {
		name, value, endpoint, want string
	}{
		{"no endpoint", "off", "", "solo se acepta con TELEGRAM_API_ENDPOINT"},
		{"Telegram's endpoint", "off", "https://api.telegram.org/bot%s/%s", "solo se acepta con TELEGRAM_API_ENDPOINT"},
		{"unknown value", "apagado", "http://127.0.0.1:1/bot%s/%s", `TELEGRAM_FLOOD_LIMITS="apagado" no es válido`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{
				"CTDESK_CONFIG":         "../internal/config/example.yaml",
				"CTDESK_DATA":           filepath.Join(t.TempDir(), "ctdesk.db"),
				"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
				"TELEGRAM_TOKEN":        telegramtest.DefaultToken,
				"TELEGRAM_API_ENDPOINT": tc.endpoint,
				"TELEGRAM_FLOOD_LIMITS": tc.value,
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var out, errs bytes.Buffer
			err := run(ctx, []string{"serve"}, env(vars), strings.NewReader(""), &out, &errs)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("run: got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestFloodLimitsOff: with the pacing lifted, six answers to one chat go
// out at once; paced, the last three would wait about a second each.
func TestFloodLimitsOff(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithoutLimits())
	serveUntilEnd(t, map[string]string{
		"CTDESK_CONFIG":         "../internal/config/example.yaml",
		"CTDESK_DATA":           filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
		"TELEGRAM_FLOOD_LIMITS": "off",
	})
	rosa := telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz"}
	const n = 6
	for range n {
		srv.SendText(rosa, "/ayuda")
	}
	telegramtest.WaitFor(t, func() bool { return len(srv.BotMessages(rosa.ID)) >= n }, 30*time.Second)
	msgs := srv.BotMessages(rosa.ID)
	if spread := msgs[n-1].Date.Sub(msgs[0].Date); spread >= 3*time.Second {
		t.Errorf("six answers took %v from first to last, want them unpaced (paced: over 3 s)", spread)
	}
	if srv.TooMany() != 0 || srv.Malformed() != 0 {
		t.Errorf("throttled %d, malformed %d", srv.TooMany(), srv.Malformed())
	}
}
