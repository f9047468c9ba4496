//go:build linux

package crashrig

import (
	"context"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Play starts ctdesk, runs every requester to the end while disrupting
// the service, then stops ctdesk gracefully. It returns the requesters and
// the disruptions; a requester who got stuck is reported and left out of
// the chat checks.
func (r *Rig) Play(sc Scenario) ([]*Requester, []Disruption) {
	t := r.T
	r.Proc.Start()
	var left atomic.Int64
	left.Store(int64(sc.Disruptions + sc.OnSubmit))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	submitting := make(chan Submission, len(sc.People))
	qs, done := startRequesters(ctx, r, sc, func() bool { return left.Load() > 0 }, submitting)
	var dis []Disruption
	random, onSubmit := sc.Disruptions, sc.OnSubmit
	next := time.NewTimer(r.Between(300*time.Millisecond, 2500*time.Millisecond))
	defer next.Stop()
	watch := time.NewTicker(100 * time.Millisecond)
	defer watch.Stop()
	disrupt := func(why string) {
		d := sc.Disrupt(r)
		d.What += why
		dis = append(dis, d)
		left.Add(-1)
		if sc.Recover {
			r.recovered(d)
		}
	}
	for running := len(qs); running > 0; {
		select {
		case err := <-done:
			running--
			if err != nil {
				t.Errorf("a dialog did not resume: %v", err)
			}
		case <-next.C:
			if random > 0 {
				random--
				disrupt("")
				next.Reset(r.Between(300*time.Millisecond, 2500*time.Millisecond))
			}
		case sub := <-submitting:
			// A fresh press, until the budget is spent: at once or up to
			// the moment its answer goes out (about a second, paced), so
			// kills land before the commit, between commit and send, and
			// around the send.
			if onSubmit > 0 && time.Since(sub.At) < 100*time.Millisecond {
				onSubmit--
				time.Sleep(r.Between(0, 1200*time.Millisecond))
				disrupt(" as " + sub.Who + " pressed «Enviar»")
			}
		case <-watch.C:
			if !r.Proc.Alive() {
				cancel()
				for ; running > 0; running-- {
					<-done
				}
				t.Fatalf("ctdesk died: %q", r.Proc.UnexpectedExits())
			}
		}
	}
	for _, d := range dis {
		t.Logf("%s at %s, serving again at %s", d.What, d.At.Format("15:04:05.000"), d.Over.Format("15:04:05.000"))
	}
	r.settle(qs, sc.Settle)
	r.Proc.Stop()
	return qs, dis
}

// checkChats checks what the users read: each requester the questions of
// one pass through the form per request, in order (the dialog resumed at
// its step after every disruption), luis one request per ticket, and no
// message repeated beyond what a disruption explains.
func (r *Rig) checkChats(qs []*Requester, dis []Disruption, tally *Tally) {
	t := r.T
	var reps []repeat
	var all []string
	for _, q := range qs {
		col, rs := Collapse(q.User.ID, SentTo(r.Srv, q.User.ID))
		reps = append(reps, rs...)
		for _, f := range q.Sent {
			all = append(all, f.Folio)
		}
		tally.Updates += q.Updates
		tally.LongestWait = max(tally.LongestWait, q.Longest)
		if q.Stuck {
			tally.LostUpdates++
			continue // reported already
		}
		var want []string
		for range q.Sent {
			want = append(want, "¿Qué servicio necesitas", "Vamos a llenar")
			want = append(want, stepMarkers[1:]...)
		}
		if !matches(col, want) {
			t.Errorf("%s read %d messages, want one pass through the form per request %q:%s", q.ID, len(col), want, listSent(col))
		}
		var told []string
		for _, f := range q.Sent {
			told = append(told, f.Folio)
		}
		if got := Folios(col, "Registré tu solicitud"); !slices.Equal(got, told) {
			t.Errorf("%s was told folios %v, read %v", q.ID, told, got)
		}
	}
	col, rs := Collapse(LuisChat, SentTo(r.Srv, LuisChat))
	reps = append(reps, rs...)
	r.checkAsked(col, all, tally)
	tally.Duplicates = len(reps)
	tally.Unexplained = checkRepeats(t, reps, dis)
	presses := len(r.Srv.Calls("answerCallbackQuery"))
	t.Logf("%d disruptions; %d messages delivered twice; %d button presses answered", len(dis), len(reps), presses)
	for _, rp := range reps {
		first, _, _ := strings.Cut(rp.first.Text, "\n")
		t.Logf("  repeated in chat %d: %q at %s and %s", rp.chat, first,
			rp.first.At.Format("15:04:05.000"), rp.second.At.Format("15:04:05.000"))
	}
	r.checkFake(tally)
}

// checkAsked checks luis was asked his visto bueno once for each request.
func (r *Rig) checkAsked(col []Sent, all []string, tally *Tally) {
	asked := Folios(col, "pide tu visto bueno")
	slices.Sort(asked)
	if len(asked) != len(all) || len(slices.Compact(slices.Clone(asked))) != len(asked) {
		r.T.Errorf("luis was asked his visto bueno for %v, want once for each of the %d requests sent", asked, len(all))
	}
	for _, f := range all {
		if _, ok := slices.BinarySearch(asked, f); f != "" && !ok {
			tally.StuckTickets++
			r.T.Errorf("luis was never asked his visto bueno for %s (asked for %v)", f, asked)
		}
	}
}

// checkFake checks the fake saw nothing malformed or throttled, every
// update was confirmed, and ctdesk never exited by itself.
func (r *Rig) checkFake(tally *Tally) {
	t := r.T
	if n := r.Srv.Malformed(); n != 0 {
		t.Errorf("malformed requests = %d, want 0: %+v", n, r.Srv.Errors())
	}
	if n := r.Srv.TooMany(); n != 0 {
		var throttled []string
		for _, c := range r.Srv.Errors() {
			if c.Status == 429 {
				throttled = append(throttled, c.Method+" chat "+c.Params["chat_id"]+" at "+c.Time.Format("15:04:05.000"))
			}
		}
		t.Errorf("429 answers = %d, want 0: %q", n, throttled)
	}
	if n := r.Srv.Pending(); n != 0 {
		tally.LostUpdates += n
		t.Errorf("%d updates never confirmed after the stop", n)
	}
	if ex := r.Proc.UnexpectedExits(); len(ex) > 0 {
		t.Errorf("ctdesk exited by itself: %q", ex)
	}
}

// matches reports whether msgs are exactly one message per marker, each
// containing its marker, in order.
func matches(msgs []Sent, markers []string) bool {
	if len(msgs) != len(markers) {
		return false
	}
	for i, m := range msgs {
		if !strings.Contains(m.Text, markers[i]) {
			return false
		}
	}
	return true
}

// listSent shows messages one per line, for failure messages.
func listSent(msgs []Sent) string {
	var b strings.Builder
	for _, m := range msgs {
		first, _, _ := strings.Cut(m.Text, "\n")
		first, _, _ = strings.Cut(first, "\x00")
		b.WriteString("\n  " + m.At.Format("15:04:05.000") + " " + first)
	}
	return b.String()
}
