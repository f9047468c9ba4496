package conversations_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestRefusalsRecorded: every refused attempt is written to the bitácora
// the same way — a press on someone else's button, a press by someone
// outside the directory, a look at a ticket that is not one's own, a
// command reserved to CT — and pressing again and again writes it once per
// person, ticket and attempt per hour, so a flood cannot fill the bitácora.
func TestRefusalsRecorded(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			clock := convtest.NewClock(start)
			r := &refusals{t: t, e: newEngine(t, st, clock), st: st, clock: clock}
			r.correoAlta("rosa") // CT-2026-0001, waiting for luis's visto bueno
			approve, reject := "t:CT-2026-0001:aprobar:1", "t:CT-2026-0001:rechazar:1"

			for range 5 {
				r.press("beto", approve, "No puedes realizar esa acción sobre la solicitud CT-2026-0001")
			}
			r.press("rosa", reject, "No puedes realizar esa acción sobre la solicitud CT-2026-0001")
			for range 3 {
				r.stranger("999", approve, "Solo las personas registradas")
			}
			r.say("rosa", "/kpi", "reservado a la Coordinación de Tecnologías")
			r.say("rosa", "/kpi", "reservado a la Coordinación de Tecnologías")
			r.want(
				"beto CT-2026-0001 aprobar",
				"rosa CT-2026-0001 rechazar",
				"telegram:999  botón "+approve,
				"rosa  kpi",
			)

			// Another ticket, not rosa's to see: asked twice, written once.
			r.correoAlta("beto") // CT-2026-0002
			r.say("rosa", "/ver CT-2026-0002", "No encontré la solicitud CT-2026-0002")
			r.say("rosa", "CT-2026-0002", "No encontré la solicitud CT-2026-0002")
			r.want("rosa CT-2026-0002 ver")

			// An hour later the same attempts are written again.
			clock.Advance(61 * time.Minute)
			r.press("beto", approve, "No puedes realizar esa acción")
			r.stranger("999", reject, "Solo las personas registradas")
			r.want("beto CT-2026-0001 aprobar", "telegram:999  botón "+reject)

			// The one allowed to press still can.
			r.press("luis", approve, "")
			if tk, err := st.Ticket(context.Background(), "CT-2026-0001"); err != nil || tk.Status != "recibida" {
				t.Errorf("after luis's visto bueno: status %q, %v; want recibida", tk.Status, err)
			}
		})
	}
}

// refusals drives one engine and checks the refusals it writes.
type refusals struct {
	t     *testing.T
	e     *conversations.Engine
	st    storage.Store
	clock *convtest.Clock
	seq   int
	seen  int // refusal entries already checked
}

func (r *refusals) handle(ev conversations.Event) conversations.Result {
	r.t.Helper()
	r.seq++
	r.clock.Advance(time.Minute)
	ev.ID = fmt.Sprintf("r%d", r.seq)
	return handle(r.t, r.e, ev)
}

// correoAlta files a correo alta for the person, with their supervisor's
// visto bueno pending.
func (r *refusals) correoAlta(who string) {
	r.t.Helper()
	for _, text := range []string{"/nueva", "correo", "alta", "Mario Ruiz", "Becario", "Dirección de Finanzas", "mario.ruiz@upe.edu.mx", "Servicio social."} {
		r.handle(conversations.Event{Person: who, Text: text})
	}
	r.handle(conversations.Event{Person: who, Button: "c:send"})
}

// press presses a button as a person and checks the notice.
func (r *refusals) press(who, code, notice string) {
	r.t.Helper()
	res := r.handle(conversations.Event{Person: who, Button: code})
	if !strings.Contains(res.Notice, notice) {
		r.t.Errorf("%s pressed %s: notice %q, want %q", who, code, res.Notice, notice)
	}
}

// stranger presses a button from a Telegram account in no one's name.
func (r *refusals) stranger(account, code, notice string) {
	r.t.Helper()
	res := r.handle(conversations.Event{Platform: "telegram", Account: account, Button: code})
	if !strings.Contains(res.Notice, notice) || len(res.Messages) != 0 {
		r.t.Errorf("stranger pressed %s: notice %q and %d messages, want only the notice %q", code, res.Notice, len(res.Messages), notice)
	}
}

// say types a text as a person and checks the answer.
func (r *refusals) say(who, text, answer string) {
	r.t.Helper()
	res := r.handle(conversations.Event{Person: who, Text: text})
	if got := textTo(res.Messages, who); !strings.Contains(got, answer) {
		r.t.Errorf("%s typed %q: got %q, want %q", who, text, got, answer)
	}
}

// want checks the refusal entries written since the last check, each as
// "who folio detail".
func (r *refusals) want(entries ...string) {
	r.t.Helper()
	log, err := r.st.Log(context.Background(), storage.LogFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	var got []string
	for _, e := range log {
		if e.Action == "intento_no_autorizado" {
			got = append(got, e.Who+" "+e.Folio+" "+e.Detail)
		}
	}
	got = got[min(r.seen, len(got)):]
	r.seen += len(got)
	if !slices.Equal(got, entries) {
		r.t.Errorf("refusals written:\n got %q\nwant %q", got, entries)
	}
}
