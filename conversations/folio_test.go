package conversations_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestTypedPlaceholderKept: a request whose text contains «{{FOLIO}}» keeps
// it as typed — in the ticket, in what the coordinator is told (both in the
// engine's result and in the outbox the bot sends from), and in the
// bitácora — while the real folio is named where the bot names it.
func TestTypedPlaceholderKept(t *testing.T) {
	const falla = "La pantalla dice {{FOLIO}} al encender"
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			e := newEngine(t, st, convtest.NewClock(start))
			ctx := context.Background()
			var res conversations.Result
			for i, text := range []string{"/nueva", "mantenimiento", "1", "omitir", "Edificio A", falla, "1", "omitir"} {
				res = handle(t, e, conversations.Event{ID: fmt.Sprintf("p%d", i), Person: "rosa", Text: text})
			}
			res = handle(t, e, conversations.Event{ID: "send", Person: "rosa", Button: "c:send"})
			const folio = "CT-2026-0001"

			told := textTo(res.Messages, "ana")
			if !strings.Contains(told, falla) || !strings.Contains(told, folio) {
				t.Errorf("the coordinator was told %q; want the folio %s and the typed %q", told, folio, falla)
			}
			if got := textTo(res.Messages, "rosa"); !strings.Contains(got, "Registré tu solicitud "+folio) {
				t.Errorf("the requester was told %q; want the folio %s", got, folio)
			}
			tk, err := st.Ticket(ctx, folio)
			if err != nil {
				t.Fatal(err)
			}
			if tk.Fields["falla"] != falla {
				t.Errorf("stored falla: got %q, want %q", tk.Fields["falla"], falla)
			}
			queued := outboxTo(t, e, st, "ana")
			if !strings.Contains(queued, falla) || !strings.Contains(queued, folio) {
				t.Errorf("outbox to the coordinator: %q; want the folio %s and the typed %q", queued, folio, falla)
			}
			log, err := st.Log(ctx, storage.LogFilter{Folio: folio})
			if err != nil || len(log) == 0 || log[0].Action != "solicitud" {
				t.Errorf("bitácora of %s: %+v, %v; want the request", folio, log, err)
			}
		})
	}
}

// handle applies an event and fails the test on error.
func handle(t *testing.T, e *conversations.Engine, ev conversations.Event) conversations.Result {
	t.Helper()
	res, err := e.Handle(context.Background(), ev)
	if err != nil {
		t.Fatalf("%+v: %v", ev, err)
	}
	return res
}

// textTo joins the texts of the messages to a person.
func textTo(msgs []conversations.Message, to string) string {
	var out []string
	for _, m := range msgs {
		if m.To == to {
			out = append(out, m.Text)
		}
	}
	return strings.Join(out, "\n")
}

// outboxTo claims everything queued in the store and returns, decoded as
// the bot would send them, the texts to a person.
func outboxTo(t *testing.T, e *conversations.Engine, st storage.Store, to string) string {
	t.Helper()
	items, err := st.ClaimOutbox(context.Background(), start.Add(time.Hour), time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []conversations.Message
	for _, it := range items {
		m, err := e.Decode(t.Context(), it.Payload)
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	return textTo(msgs, to)
}
