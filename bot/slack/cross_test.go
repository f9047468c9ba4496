package slack_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// tgRosa and tgLuis are the example people's Telegram accounts.
var (
	tgRosa = telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz", LanguageCode: "es"}
	tgLuis = telegramtest.User{ID: 2001, FirstName: "Luis", LastName: "Pérez", LanguageCode: "es"}
)

// tgWait waits for a bot message in a Telegram chat after id, containing want.
func tgWait(t *testing.T, tg *telegramtest.Server, chat int64, after int, want string) telegramtest.Message {
	t.Helper()
	var found telegramtest.Message
	slacktest.WaitFor(t, "a Telegram message with "+want, wait, func() bool {
		for _, m := range tg.BotMessages(chat) {
			if m.ID > after && strings.Contains(m.Text, want) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

// tgPress presses a button of a Telegram message.
func tgPress(t *testing.T, tg *telegramtest.Server, u telegramtest.User, m telegramtest.Message, label string) {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == label {
				tg.Press(u, m, b.Data)
				return
			}
		}
	}
	t.Fatalf("message %d has no button %q", m.ID, label)
}

// TestCrossPlatform: rosa asks on Telegram; luis, linked on both, last
// wrote on Slack, so the approval reaches him there; his press on Slack
// reaches rosa on Telegram. When luis writes on Telegram again, his
// notifications follow him there.
func TestCrossPlatform(t *testing.T) {
	srv := slacktest.New(t)
	tg := telegramtest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	tgad, err := telegram.New(context.Background(), telegram.Config{Token: tg.Token(), Endpoint: tg.Endpoint(),
		HTTPClient: tg.Client(), PollTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// Telegram first in routing: a person who never wrote is reached there.
	r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()}, tgad)
	r.disp = bottest.Dispatcher(st, r.eng, bot.DispatcherConfig{}, tgad, r.ad)
	r.start()
	bottest.Run(t, func(ctx context.Context) { _ = tgad.Run(ctx, r.intake) })

	r.say(luis, "hola", "Luis")
	if p, _ := st.Person(context.Background(), "luis"); p.Platform != "slack" {
		t.Fatalf("luis's platform is %q after writing on Slack, want slack", p.Platform)
	}

	steps := []struct{ text, button, want string }{
		{"hola", "", "Rosa"},
		{"", "Cuenta de correo electrónico", "(1/6)"},
		{"", "Alta (crear una cuenta)", "(2/6)"},
		{"Rosa Díaz Martínez", "", "(3/6)"},
		{"Analista de presupuesto", "", "(4/6)"},
		{"", "Dirección de Finanzas", "(5/6)"},
		{"rosa.diaz@upe.edu.mx", "", "(6/6)"},
		{"Ingresó a la Dirección de Finanzas.", "", "Revisa tu solicitud"},
		{"", "Enviar", "Luis Pérez"},
	}
	var last telegramtest.Message
	for _, s := range steps {
		after := tg.LastMessageID(tgRosa.ID)
		if s.button != "" {
			tgPress(t, tg, tgRosa, last, s.button)
		} else {
			tg.SendText(tgRosa, s.text)
		}
		last = tgWait(t, tg, tgRosa.ID, after, s.want)
	}

	ask := r.button(luis, "Aprobar")
	if !strings.Contains(ask.Full(), "rosa.diaz@upe.edu.mx") {
		t.Errorf("luis's request on Slack:\n%s", ask.Full())
	}
	if n := len(tg.BotMessages(tgLuis.ID)); n != 0 {
		t.Errorf("luis got %d Telegram messages, want none (he last wrote on Slack)", n)
	}
	after := tg.LastMessageID(tgRosa.ID)
	r.press(luis, "Aprobar", "")
	tgWait(t, tg, tgRosa.ID, after, "Luis Pérez dio su visto bueno")
	slacktest.WaitFor(t, "the approval stored", wait, func() bool {
		tk, err := st.Tickets(context.Background(), storage.TicketFilter{})
		return err == nil && len(tk) == 1 && len(tk[0].Approvals) == 1
	})

	// luis writes on Telegram: from now on he is reached there.
	tg.SendText(tgLuis, "/mis_solicitudes")
	tgWait(t, tg, tgLuis.ID, 0, "")
	if p, _ := st.Person(context.Background(), "luis"); p.Platform != "telegram" {
		t.Errorf("luis's platform is %q after writing on Telegram, want telegram", p.Platform)
	}
}
