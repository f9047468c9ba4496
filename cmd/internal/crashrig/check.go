//go:build linux

package crashrig

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/storage"
)

// ackWindow is how long before a disruption a message may have been sent
// and still be sent again after it: the time between a send and its ack.
const ackWindow = time.Second

// Disruption is a moment the service was knocked over: ctdesk killed, or
// its Redis restarted. Over is when it was serving again.
type Disruption struct {
	What     string
	At, Over time.Time
}

// Sent is one message the fake accepted, as the bot sent it.
type Sent struct {
	At   time.Time
	Text string // the text and keyboard as sent (HTML source)
}

// SentTo lists the messages the fake accepted for chat, in order.
func SentTo(srv *telegramtest.Server, chat int64) []Sent {
	id := strconv.FormatInt(chat, 10)
	var out []Sent
	for _, c := range srv.Calls("sendMessage") {
		if c.Status == 200 && c.Params["chat_id"] == id {
			out = append(out, Sent{At: c.Time, Text: c.Params["text"] + "\x00" + c.Params["reply_markup"]})
		}
	}
	return out
}

// repeat is a message delivered twice in a row to one chat.
type repeat struct {
	chat          int64
	first, second Sent
}

// Collapse drops consecutive copies of a message (at-least-once delivery
// sends a message again when the process died between sending and
// recording it; the outbox keeps each chat in order, so a copy always
// follows its original) and returns them as repeats.
func Collapse(chat int64, msgs []Sent) ([]Sent, []repeat) {
	var out []Sent
	var reps []repeat
	for _, m := range msgs {
		if n := len(out); n > 0 && out[n-1].Text == m.Text {
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
// repeats more than one message per chat. It returns how many are not.
func checkRepeats(t T, reps []repeat, dis []Disruption) int {
	t.Helper()
	bad := 0
	perDisruption := map[[2]int64]int{}
	for _, r := range reps {
		found := -1
		for i, d := range dis {
			if !r.first.At.Before(d.At.Add(-ackWindow)) && r.first.At.Before(d.Over) && r.second.At.After(d.At) {
				found = i
				break
			}
		}
		first, _, _ := strings.Cut(r.first.Text, "\x00")
		if found < 0 {
			bad++
			t.Errorf("chat %d: %q delivered at %s and again at %s, with no kill or restart in between",
				r.chat, first, r.first.At.Format("15:04:05.000"), r.second.At.Format("15:04:05.000"))
			continue
		}
		key := [2]int64{int64(found), r.chat}
		if perDisruption[key]++; perDisruption[key] > 1 {
			bad++
			t.Errorf("chat %d: %s at %s repeated more than one message (%q is another)",
				r.chat, dis[found].What, dis[found].At.Format("15:04:05.000"), first)
		}
	}
	return bad
}

// Count is how many messages contain s.
func Count(msgs []Sent, s string) int {
	n := 0
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			n++
		}
	}
	return n
}

// Folios lists the folios of the messages containing s, in order.
func Folios(msgs []Sent, s string) []string {
	var out []string
	for _, m := range msgs {
		if strings.Contains(m.Text, s) {
			out = append(out, FolioRE.FindString(m.Text))
		}
	}
	return out
}

// checkTickets checks the store holds exactly one ticket per submitted
// form, folios CT-YYYY-0001…N without gaps, each with the form's answers
// and waiting for the visto bueno; it counts what it finds in tally.
func checkTickets(t T, st storage.Store, forms []Form, tally *Tally) {
	t.Helper()
	tks, err := st.Tickets(context.Background(), storage.TicketFilter{})
	if err != nil {
		t.Fatalf("tickets: %v", err)
	}
	tally.Tickets = len(tks)
	if len(tks) != len(forms) {
		t.Errorf("the store holds %d tickets for %d submitted forms", len(tks), len(forms))
	}
	byTitular := map[string]Form{}
	for _, f := range forms {
		byTitular[f.Titular] = f
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
		if tk.Service != "correo" || tk.Requester != f.Requester || tk.Fields["cuenta"] != f.Cuenta ||
			tk.Fields["puesto"] != f.Puesto || tk.Fields["justificacion"] != f.Justificacion || tk.Fields["accion"] != "alta" {
			t.Errorf("%s = %s by %s %+v, want correo by %s %+v", tk.Folio, tk.Service, tk.Requester, tk.Fields, f.Requester, f)
		}
		if tk.Status != "por_aprobar" {
			tally.StuckTickets++
			t.Errorf("%s is %q, want por_aprobar (nobody approved it)", tk.Folio, tk.Status)
		}
		if f.Folio != "" && f.Folio != tk.Folio {
			t.Errorf("%s was told folio %q for %q, the store has %s", f.Requester, f.Folio, titular, tk.Folio)
		}
	}
	for _, f := range forms {
		if _, ok := seen[f.Titular]; !ok {
			tally.LostUpdates++
			t.Errorf("the form of %s for %q (told %s) is not in the store", f.Requester, f.Titular, f.Folio)
		}
	}
	tally.FolioGaps = folioGaps(t, got)
	checkOutboxEmpty(t, st)
}

// folioGaps checks the folios run CT-YYYY-0001…N and counts the numbers
// missing below the highest.
func folioGaps(t T, got []string) int {
	t.Helper()
	if len(got) == 0 {
		return 0
	}
	sort.Strings(got)
	year := strings.Split(got[0], "-")[1]
	var want []string
	for i := range len(got) {
		want = append(want, fmt.Sprintf("CT-%s-%04d", year, i+1))
	}
	if slices.Equal(got, want) {
		return 0
	}
	t.Errorf("folios = %v, want %v", got, want)
	last, _ := strconv.Atoi(got[len(got)-1][len(got[len(got)-1])-4:])
	return max(last-len(slices.Compact(got)), 0)
}

// checkOutboxEmpty checks every message was delivered and recorded by the
// time ctdesk stopped, and lists those that were not.
func checkOutboxEmpty(t T, st storage.Store) {
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
