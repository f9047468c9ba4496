//go:build linux

package main

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/storage"
)

// ackWindow is how long before a disruption a message may have been sent
// and still be sent again after it: the time between a send and its ack.
const ackWindow = time.Second

// disruption is a moment the service was knocked over: ctdesk killed, or
// its Redis restarted. Over is when it was serving again.
type disruption struct {
	what     string
	at, over time.Time
}

// sent is one message the fake accepted, as the bot sent it.
type sent struct {
	at   time.Time
	text string // the text and keyboard as sent (HTML source)
}

// sentTo lists the messages the fake accepted for chat, in order.
func sentTo(srv *telegramtest.Server, chat int64) []sent {
	id := strconv.FormatInt(chat, 10)
	var out []sent
	for _, c := range srv.Calls("sendMessage") {
		if c.Status == 200 && c.Params["chat_id"] == id {
			out = append(out, sent{at: c.Time, text: c.Params["text"] + "\x00" + c.Params["reply_markup"]})
		}
	}
	return out
}

// repeat is a message delivered twice in a row to one chat.
type repeat struct {
	chat          int64
	first, second sent
}

// collapse drops consecutive copies of a message (at-least-once delivery
// sends a message again when the process died between sending and
// recording it; the outbox keeps each chat in order, so a copy always
// follows its original) and returns them as repeats.
func collapse(chat int64, msgs []sent) ([]sent, []repeat) {
	var out []sent
	var reps []repeat
	for _, m := range msgs {
		if n := len(out); n > 0 && out[n-1].text == m.text {
			reps = append(reps, repeat{chat: chat, first: out[n-1], second: m})
			continue
		}
		out = append(out, m)
	}
	return out, reps
}

// checkRepeats checks that every repeated message is explained by a
// disruption: its first copy went out at most ackWindow before the service
// was knocked over and the second after it was back, and no disruption
// repeats more than one message per chat.
func checkRepeats(t *testing.T, reps []repeat, dis []disruption) {
	t.Helper()
	perDisruption := map[[2]int64]int{}
	for _, r := range reps {
		found := -1
		for i, d := range dis {
			if !r.first.at.Before(d.at.Add(-ackWindow)) && r.first.at.Before(d.over) && r.second.at.After(d.at) {
				found = i
				break
			}
		}
		first, _, _ := strings.Cut(r.first.text, "\x00")
		if found < 0 {
			t.Errorf("chat %d: %q delivered at %s and again at %s, with no kill or restart in between",
				r.chat, first, r.first.at.Format("15:04:05.000"), r.second.at.Format("15:04:05.000"))
			continue
		}
		key := [2]int64{int64(found), r.chat}
		if perDisruption[key]++; perDisruption[key] > 1 {
			t.Errorf("chat %d: %s at %s repeated more than one message (%q is another)",
				r.chat, dis[found].what, dis[found].at.Format("15:04:05.000"), first)
		}
	}
}

// count is how many messages contain s.
func count(msgs []sent, s string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.text, s) {
			n++
		}
	}
	return n
}

// folios lists the folios of the messages containing s, in order.
func folios(msgs []sent, s string) []string {
	var out []string
	for _, m := range msgs {
		if strings.Contains(m.text, s) {
			out = append(out, folioRE.FindString(m.text))
		}
	}
	return out
}

// checkTickets checks the store holds exactly one ticket per submitted
// form, folios CT-YYYY-0001…N without gaps, each with the form's answers.
func checkTickets(t *testing.T, st storage.Store, forms []form) {
	t.Helper()
	ctx := context.Background()
	tks, err := st.Tickets(ctx, storage.TicketFilter{})
	if err != nil {
		t.Fatalf("tickets: %v", err)
	}
	if len(tks) != len(forms) {
		t.Errorf("the store holds %d tickets for %d submitted forms", len(tks), len(forms))
	}
	byTitular := map[string]form{}
	for _, f := range forms {
		byTitular[f.titular] = f
	}
	seen := map[string]string{}
	var got []string
	for _, tk := range tks {
		got = append(got, tk.Folio)
		titular := tk.Fields["titular"]
		if prev, ok := seen[titular]; ok {
			t.Errorf("form of %q stored twice: %s and %s", titular, prev, tk.Folio)
			continue
		}
		seen[titular] = tk.Folio
		f, ok := byTitular[titular]
		if !ok {
			t.Errorf("%s is no submitted form: %+v", tk.Folio, tk.Fields)
			continue
		}
		if tk.Service != "correo" || tk.Requester != f.requester || tk.Fields["cuenta"] != f.cuenta ||
			tk.Fields["puesto"] != f.puesto || tk.Fields["justificacion"] != f.justificacion || tk.Fields["accion"] != "alta" {
			t.Errorf("%s = %s by %s %+v, want correo by %s %+v", tk.Folio, tk.Service, tk.Requester, tk.Fields, f.requester, f)
		}
		if tk.Status != "por_aprobar" {
			t.Errorf("%s is %q, want por_aprobar (nobody approved it)", tk.Folio, tk.Status)
		}
		if f.folio != "" && f.folio != tk.Folio {
			t.Errorf("%s was told folio %q for %q, the store has %s", f.requester, f.folio, titular, tk.Folio)
		}
	}
	for _, f := range forms {
		if _, ok := seen[f.titular]; !ok {
			t.Errorf("the form of %s for %q (told %s) is not in the store", f.requester, f.titular, f.folio)
		}
	}
	sort.Strings(got)
	if len(got) > 0 {
		year := strings.Split(got[0], "-")[1]
		var want []string
		for i := range len(got) {
			want = append(want, fmt.Sprintf("CT-%s-%04d", year, i+1))
		}
		if !slices.Equal(got, want) {
			t.Errorf("folios = %v, want %v", got, want)
		}
	}
	checkOutboxEmpty(t, st)
}

// checkOutboxEmpty checks every message was delivered and recorded by the
// time ctdesk stopped, and lists those that were not.
func checkOutboxEmpty(t *testing.T, st storage.Store) {
	t.Helper()
	ctx := context.Background()
	n, err := st.PendingOutbox(ctx)
	if err != nil {
		t.Fatalf("outbox: %v", err)
	}
	if n == 0 {
		return
	}
	// ctdesk is stopped: claiming far in the future shows even the
	// messages a dead process had claimed, without sending them.
	items, err := st.ClaimOutbox(ctx, time.Now().Add(24*time.Hour), time.Second, 100)
	if err != nil {
		t.Fatalf("outbox: %v", err)
	}
	var lines []string
	for _, it := range items {
		text, _, _ := strings.Cut(string(it.Payload), `\n`)
		lines = append(lines, fmt.Sprintf("%s to %s, queued %s, %d attempts: %.100s",
			it.ID, it.Recipient, it.Created.Local().Format("15:04:05.000"), it.Attempts, text))
	}
	t.Errorf("%d messages still in the outbox when ctdesk stopped (never delivered, or delivered and not recorded, to go out again):\n  %s",
		n, strings.Join(lines, "\n  "))
}
