//go:build linux

package crashrig

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// StepWait is how long a requester waits for the bot's next question; a
// dialog that does not resume within it counts as stuck.
const StepWait = 15 * time.Second

// Requester is a person filling correo alta forms in her Telegram chat,
// one after another, answering each question as soon as it shows.
type Requester struct {
	ID    string // person id in the config
	User  telegramtest.User
	Forms int // the most forms she sends
	// More, when set, is asked before each form after the first: she
	// stops when it says false.
	More func() bool
	// Patience is how long she waits for each answer (StepWait when zero).
	Patience time.Duration
	Rng      *rand.Rand

	Sent    []Form // forms she pressed «Enviar» on, with the folio she was told
	Updates int    // messages and presses she sent
	Stuck   bool   // she waited in vain for the bot
	// Longest is the longest she waited for an answer.
	Longest time.Duration
}

// Form is what a requester writes in one correo alta request.
type Form struct {
	Requester, Titular, Puesto, Cuenta, Justificacion string
	Folio                                             string // from the bot's confirmation
}

// FormFor makes the k-th form of a person, unique across the scenario.
func FormFor(person string, k int) Form {
	return Form{
		Requester:     person,
		Titular:       fmt.Sprintf("Titular %s número %s", spelled(person), inWords(k)),
		Puesto:        fmt.Sprintf("Analista %d de %s", k, person),
		Cuenta:        fmt.Sprintf("%s.alta%d@upe.edu.mx", person, k),
		Justificacion: fmt.Sprintf("Alta %d pedida por %s para su área.", k, person),
	}
}

// inWords writes a number digit by digit in words ("uno-dos" for 12): a
// name has no digits.
func inWords(k int) string {
	words := []string{"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
	var out []string
	for _, d := range strconv.Itoa(k) {
		out = append(out, words[d-'0'])
	}
	return strings.Join(out, "-")
}

// spelled writes a person's id with its digits in words ("req cero-cinco"
// for req05), so that it can stand in a name.
func spelled(id string) string {
	letters := strings.TrimRight(id, "0123456789")
	if digits := id[len(letters):]; digits != "" {
		n, _ := strconv.Atoi(digits)
		return letters + " " + strings.Repeat("cero-", len(digits)-len(strconv.Itoa(n))) + inWords(n)
	}
	return id
}

// step is one thing the requester does and the question she then expects.
type step struct {
	say, press string
	want       string
	submit     bool // the press of «Enviar»
}

// steps are the correo alta dialog as a requester plays it.
func (f Form) steps() []step {
	return []step{
		{say: "hola", want: "¿Qué servicio necesitas"},
		{press: "Cuenta de correo electrónico", want: "(1/6)"},
		{press: "Alta (crear una cuenta)", want: "(2/6)"},
		{say: f.Titular, want: "(3/6)"},
		{say: f.Puesto, want: "(4/6)"},
		{press: "Dirección de Finanzas", want: "(5/6)"},
		{say: f.Cuenta, want: "(6/6)"},
		{say: f.Justificacion, want: "Revisa tu solicitud"},
		{press: "Enviar", want: "Registré tu solicitud", submit: true},
	}
}

// stepMarkers are texts a requester reads once per form, and only once
// when the dialog resumes at its step after every restart.
var stepMarkers = []string{
	"¿Qué servicio necesitas", "(1/6)", "(2/6)", "(3/6)", "(4/6)", "(5/6)", "(6/6)",
	"Revisa tu solicitud", "Registré tu solicitud",
}

// Submission tells that a requester is pressing «Enviar».
type Submission struct {
	Who string
	At  time.Time
}

// FolioRE matches a folio.
var FolioRE = regexp.MustCompile(`CT-\d{4}-\d{4}`)

// Run plays every form. submitting (may be nil) is told, without
// blocking, right before «Enviar» is pressed, so a kill can land while
// the press is in flight.
func (q *Requester) Run(ctx context.Context, srv *telegramtest.Server, submitting chan<- Submission) error {
	for k := 1; k <= q.Forms && (k == 1 || q.More == nil || q.More()); k++ {
		if err := q.form(ctx, srv, k, submitting); err != nil {
			return err
		}
	}
	return nil
}

// form plays the k-th form.
func (q *Requester) form(ctx context.Context, srv *telegramtest.Server, k int, submitting chan<- Submission) error {
	f := FormFor(q.ID, k)
	for _, s := range f.steps() {
		time.Sleep(time.Duration(q.Rng.IntN(80)) * time.Millisecond)
		after := srv.LastMessageID(q.User.ID)
		switch {
		case s.say != "":
			srv.SendText(q.User, s.say)
			q.Updates++
		default:
			msg, data, ok := NewestButton(srv, q.User.ID, s.press)
			if !ok {
				return fmt.Errorf("%s, form %d: no button %q to press; chat: %s", q.ID, k, s.press, ChatText(srv, q.User.ID))
			}
			if s.submit {
				select {
				case submitting <- Submission{q.ID, time.Now()}:
				default:
				}
			}
			srv.Press(q.User, msg, data)
			q.Updates++
			if s.submit {
				q.Sent = append(q.Sent, f)
			}
		}
		asked := time.Now()
		got, err := waitBot(ctx, srv, q.User.ID, after, s.want, cmp.Or(q.Patience, StepWait))
		q.Longest = max(q.Longest, time.Since(asked))
		if err != nil {
			did := s.say
			if did == "" {
				did = "[" + s.press + "]"
			}
			return fmt.Errorf("%s, form %d: after %q: %w; chat: %s", q.ID, k, did, err, ChatText(srv, q.User.ID))
		}
		if s.submit {
			q.Sent[len(q.Sent)-1].Folio = FolioRE.FindString(got.Text)
		}
	}
	return nil
}

// NewestButton finds the newest bot message in chat showing a button
// labelled label.
func NewestButton(srv *telegramtest.Server, chat int64, label string) (telegramtest.Message, string, bool) {
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

// WaitBot waits for a bot message in chat newer than after that contains
// want, StepWait at most.
func WaitBot(ctx context.Context, srv *telegramtest.Server, chat int64, after int, want string) (telegramtest.Message, error) {
	return waitBot(ctx, srv, chat, after, want, StepWait)
}

// waitBot is WaitBot for at most patience.
func waitBot(ctx context.Context, srv *telegramtest.Server, chat int64, after int, want string, patience time.Duration) (telegramtest.Message, error) {
	deadline := time.Now().Add(patience)
	for {
		for _, m := range srv.BotMessages(chat) {
			if m.ID > after && strings.Contains(m.Text, want) {
				return m, nil
			}
		}
		if time.Now().After(deadline) {
			return telegramtest.Message{}, fmt.Errorf("no %q within %v", want, patience)
		}
		select {
		case <-ctx.Done():
			return telegramtest.Message{}, fmt.Errorf("waiting for %q: %w", want, ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// ChatText is a chat as lines, for failure messages.
func ChatText(srv *telegramtest.Server, chat int64) string {
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
