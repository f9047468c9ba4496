//go:build linux

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// stepWait is how long a requester waits for the bot's next question; a
// dialog that does not resume within it counts as stuck.
const stepWait = 15 * time.Second

// requester is a person filling correo alta forms in her Telegram chat,
// one after another, answering each question as soon as it shows.
type requester struct {
	id    string // person id in the config
	user  telegramtest.User
	forms int
	rng   *rand.Rand

	sent  []form // forms she pressed «Enviar» on, with the folio she was told
	stuck bool   // she waited in vain for the bot
}

// form is what a requester writes in one correo alta request.
type form struct {
	requester, titular, puesto, cuenta, justificacion string
	folio                                             string // from the bot's confirmation
}

// formFor makes the k-th form of a person, unique across the scenario.
func formFor(person string, k int) form {
	return form{
		requester:     person,
		titular:       fmt.Sprintf("Titular %s número %d", person, k),
		puesto:        fmt.Sprintf("Analista %d de %s", k, person),
		cuenta:        fmt.Sprintf("%s.alta%d@upe.edu.mx", person, k),
		justificacion: fmt.Sprintf("Alta %d pedida por %s para su área.", k, person),
	}
}

// step is one thing the requester does and the question she then expects.
type step struct {
	say, press string
	want       string
	submit     bool // the press of «Enviar»
}

// steps are the correo alta dialog as a requester plays it.
func (f form) steps() []step {
	return []step{
		{say: "hola", want: "¿Qué servicio necesitas"},
		{press: "Cuenta de correo electrónico", want: "(1/6)"},
		{press: "Alta (crear una cuenta)", want: "(2/6)"},
		{say: f.titular, want: "(3/6)"},
		{say: f.puesto, want: "(4/6)"},
		{press: "Dirección de Finanzas", want: "(5/6)"},
		{say: f.cuenta, want: "(6/6)"},
		{say: f.justificacion, want: "Revisa tu solicitud"},
		{press: "Enviar", want: "Registré tu solicitud", submit: true},
	}
}

// stepMarkers are texts a requester reads once per form, and only once
// when the dialog resumes at its step after every restart.
var stepMarkers = []string{
	"¿Qué servicio necesitas", "(1/6)", "(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)",
	"Revisa tu solicitud", "Registré tu solicitud",
}

// submission tells that a requester is pressing «Enviar».
type submission struct {
	who string
	at  time.Time
}

var folioRE = regexp.MustCompile(`CT-\d{4}-\d{4}`)

// run plays every form. submitting is told (without blocking) right before
// «Enviar» is pressed, so a kill can land while the press is in flight.
func (q *requester) run(ctx context.Context, srv *telegramtest.Server, submitting chan<- submission) error {
	for k := 1; k <= q.forms; k++ {
		f := formFor(q.id, k)
		for _, s := range f.steps() {
			time.Sleep(time.Duration(q.rng.IntN(80)) * time.Millisecond)
			after := srv.LastMessageID(q.user.ID)
			switch {
			case s.say != "":
				srv.SendText(q.user, s.say)
			default:
				msg, data, ok := newestButton(srv, q.user.ID, s.press)
				if !ok {
					return fmt.Errorf("%s, form %d: no button %q to press; chat: %s", q.id, k, s.press, chatText(srv, q.user.ID))
				}
				if s.submit {
					select {
					case submitting <- submission{q.id, time.Now()}:
					default:
					}
				}
				srv.Press(q.user, msg, data)
				if s.submit {
					q.sent = append(q.sent, f)
				}
			}
			got, err := waitBot(ctx, srv, q.user.ID, after, s.want)
			if err != nil {
				did := s.say
				if did == "" {
					did = "[" + s.press + "]"
				}
				return fmt.Errorf("%s, form %d: after %q: %w; chat: %s", q.id, k, did, err, chatText(srv, q.user.ID))
			}
			if s.submit {
				q.sent[len(q.sent)-1].folio = folioRE.FindString(got.Text)
			}
		}
	}
	return nil
}

// newestButton finds the newest bot message in chat showing a button
// labelled label.
func newestButton(srv *telegramtest.Server, chat int64, label string) (telegramtest.Message, string, bool) {
	msgs := srv.BotMessages(chat)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if b.Text == label {
					return msgs[i], b.Data, true
				}
			}
		}
	}
	return telegramtest.Message{}, "", false
}

// waitBot waits for a bot message in chat newer than after that contains want.
func waitBot(ctx context.Context, srv *telegramtest.Server, chat int64, after int, want string) (telegramtest.Message, error) {
	deadline := time.Now().Add(stepWait)
	for {
		for _, m := range srv.BotMessages(chat) {
			if m.ID > after && strings.Contains(m.Text, want) {
				return m, nil
			}
		}
		if time.Now().After(deadline) {
			return telegramtest.Message{}, fmt.Errorf("no %q within %v", want, stepWait)
		}
		select {
		case <-ctx.Done():
			return telegramtest.Message{}, fmt.Errorf("waiting for %q: %w", want, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// chatText is a chat as lines, for failure messages.
func chatText(srv *telegramtest.Server, chat int64) string {
	var b strings.Builder
	for _, m := range srv.Messages(chat) {
		who := "user"
		if m.FromBot {
			who = "bot"
		}
		first, _, _ := strings.Cut(m.Text, "\n")
		fmt.Fprintf(&b, "\n  #%d %s: %s", m.ID, who, first)
	}
	return b.String()
}
