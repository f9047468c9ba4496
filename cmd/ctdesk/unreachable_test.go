//go:build linux

package main

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
)

// TestUnreachableApproverIsToldLater: luis never opened the bot's chat, so
// the request for his visto bueno cannot reach him; the coordinator is
// told who and which ticket, and when luis first writes to the bot the
// request reaches him before the answer to what he wrote.
func TestUnreachableApproverIsToldLater(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithKnownChatsOnly())
	serveUntilEnd(t, map[string]string{
		"CTDESK_CONFIG":         crashrig.Config(t, t.TempDir(), crashrig.Requesters(1)),
		"CTDESK_DATA":           filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	})
	ana := telegramtest.User{ID: 1001, FirstName: "Ana", LastName: "López", LanguageCode: "es"}
	srv.SendText(ana, "hola")
	srv.WaitMessage(t, ana.ID, "¿Qué servicio necesitas", 20*time.Second)

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := crashrig.Requesters(1)[0]
	q := &crashrig.Requester{ID: p.ID, User: p.User, Forms: 1, Rng: rand.New(rand.NewPCG(1, 1))}
	if err := q.Run(ctx, srv, nil); err != nil {
		t.Fatal(err)
	}
	folio := q.Sent[0].Folio
	notice := srv.WaitMessage(t, ana.ID, "no pude entregar", 20*time.Second)
	if !strings.Contains(notice.Text, "Luis Pérez") || !strings.Contains(notice.Text, folio) {
		t.Errorf("ana was told %q, want Luis Pérez and %s", notice.Text, folio)
	}

	srv.SendText(ana, "/ver "+folio)
	card := srv.WaitMessage(t, ana.ID, "⚠ No se pudo avisar a Luis Pérez", 20*time.Second)
	if !strings.Contains(card.Text, folio) {
		t.Errorf("/ver %s shows:\n%s", folio, card.Text)
	}

	luis := telegramtest.User{ID: crashrig.LuisChat, FirstName: "Luis", LastName: "Pérez", LanguageCode: "es"}
	srv.SendText(luis, "hola")
	srv.WaitMessage(t, luis.ID, "¿Qué servicio necesitas", 20*time.Second)
	msgs := srv.BotMessages(luis.ID)
	if len(msgs) != 2 || !strings.Contains(msgs[0].Text, "pide tu visto bueno") || !strings.Contains(msgs[0].Text, folio) {
		var got []string
		for _, m := range msgs {
			got = append(got, strings.SplitN(m.Text, "\n", 2)[0])
		}
		t.Errorf("luis read %q, want the request for %s, then the menu", got, folio)
	}
	if n := len(srv.BotMessages(ana.ID)); n != 3 {
		t.Errorf("ana got %d messages, want the menu, one notice and the ticket", n)
	}
	// Reached, luis is no longer marked on the ticket.
	last := srv.LastMessageID(ana.ID)
	srv.SendText(ana, "/ver "+folio)
	card = srv.WaitNewMessage(t, ana.ID, last, 20*time.Second)
	if strings.Contains(card.Text, "No se pudo avisar") {
		t.Errorf("after luis got the request, /ver still says he was not reached:\n%s", card.Text)
	}
}
