//go:build linux

package main

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// crashPeople are the requesters of the finanzas area: rosa from the
// example config and three more that crashConfig adds.
var crashPeople = []struct {
	id   string
	user telegramtest.User
}{
	{"rosa", telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz", LanguageCode: "es"}},
	{"mara", telegramtest.User{ID: 2003, FirstName: "Mara", LastName: "Soto", LanguageCode: "es"}},
	{"pepe", telegramtest.User{ID: 2004, FirstName: "Pepe", LastName: "Gil", LanguageCode: "es"}},
	{"nora", telegramtest.User{ID: 2005, FirstName: "Nora", LastName: "Vega", LanguageCode: "es"}},
}

// luisChat is the supervisor's chat, where each request asks his visto bueno.
const luisChat = 2001

// crashConfig writes the bundled example config with the extra requesters.
func crashConfig(t *testing.T) string {
	t.Helper()
	base, err := os.ReadFile("example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	extra := `
  - {id: mara, name: Mara Soto, role: usuario, area: finanzas, telegram: 2003}
  - {id: pepe, name: Pepe Gil,  role: usuario, area: finanzas, telegram: 2004}
  - {id: nora, name: Nora Vega, role: usuario, area: finanzas, telegram: 2005}
`
	path := filepath.Join(t.TempDir(), "ctdesk.yaml")
	if err := os.WriteFile(path, append(base, extra...), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// crashScenario is a run of requesters filling forms while the service is
// knocked over now and then.
type crashScenario struct {
	people      int    // requesters, from crashPeople
	forms       int    // forms each requester submits
	disruptions int    // how many times the service is knocked over at random moments
	onSubmit    int    // and how many times right as a requester presses «Enviar»
	seed        uint64 // chooses the moments
	// disrupt knocks the service over and brings it back.
	disrupt func(r *crashRig) disruption
}

// crashRig is a fake Bot API, a ctdesk process and its store settings.
type crashRig struct {
	t    *testing.T
	srv  *telegramtest.Server
	proc *proc
	vars map[string]string
	rng  *rand.Rand
}

// newCrashRig prepares ctdesk over the fake Bot API with the store vars.
func newCrashRig(t *testing.T, bin string, store map[string]string, seed uint64) *crashRig {
	srv := telegramtest.New(t)
	vars := map[string]string{
		"CTDESK_CONFIG":         crashConfig(t),
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	}
	for k, v := range store {
		vars[k] = v
	}
	t.Logf("seed %d", seed)
	return &crashRig{t: t, srv: srv, proc: newProc(t, bin, srv, vars), vars: vars,
		rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
}

// between is a random duration in [lo, hi).
func (r *crashRig) between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.rng.Int64N(int64(hi-lo)))
}

// killCtdesk kills ctdesk with SIGKILL, leaves it down for a moment while
// updates pile up, and starts it again.
func killCtdesk(r *crashRig) disruption {
	at := r.proc.kill()
	time.Sleep(r.between(0, 300*time.Millisecond))
	r.proc.start()
	return disruption{what: "kill -9", at: at, over: time.Now()}
}

// play starts ctdesk, runs every requester to the end while disrupting the
// service, then stops ctdesk gracefully. It returns the requesters and the
// disruptions; a requester who got stuck is reported and left out of the
// chat checks.
func (r *crashRig) play(sc crashScenario) ([]*requester, []disruption) {
	t := r.t
	r.proc.start()
	var qs []*requester
	for i, p := range crashPeople[:sc.people] {
		qs = append(qs, &requester{id: p.id, user: p.user, forms: sc.forms,
			rng: rand.New(rand.NewPCG(sc.seed, uint64(i)))})
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	submitting := make(chan submission, len(qs))
	done := make(chan error, len(qs))
	for i, q := range qs {
		go func() {
			// Staggered, so that their presses of «Enviar» come apart.
			time.Sleep(time.Duration(i) * 700 * time.Millisecond)
			err := q.run(ctx, r.srv, submitting)
			if err != nil {
				q.stuck = true
			}
			done <- err
		}()
	}
	var dis []disruption
	random, onSubmit := sc.disruptions, sc.onSubmit
	next := time.NewTimer(r.between(300*time.Millisecond, 2500*time.Millisecond))
	defer next.Stop()
	watch := time.NewTicker(100 * time.Millisecond)
	defer watch.Stop()
	disrupt := func(why string) {
		d := sc.disrupt(r)
		d.what += why
		dis = append(dis, d)
	}
	for left := len(qs); left > 0; {
		select {
		case err := <-done:
			left--
			if err != nil {
				t.Errorf("a dialog did not resume: %v", err)
			}
		case <-next.C:
			if random > 0 {
				random--
				disrupt("")
				next.Reset(r.between(300*time.Millisecond, 2500*time.Millisecond))
			}
		case sub := <-submitting:
			// A fresh press, until the budget is spent: at once or up to
			// the moment its answer goes out (about a second, paced), so
			// kills land before the commit, between commit and send, and
			// around the send.
			if onSubmit > 0 && time.Since(sub.at) < 100*time.Millisecond {
				onSubmit--
				time.Sleep(r.between(0, 1200*time.Millisecond))
				disrupt(" as " + sub.who + " pressed «Enviar»")
			}
		case <-watch.C:
			if !r.proc.alive() {
				cancel()
				for ; left > 0; left-- {
					<-done
				}
				t.Fatalf("ctdesk died: %q", r.proc.unexpectedExits())
			}
		}
	}
	for _, d := range dis {
		t.Logf("%s at %s, serving again at %s", d.what, d.at.Format("15:04:05.000"), d.over.Format("15:04:05.000"))
	}
	// Luis's requests for his visto bueno go out after the requesters'
	// confirmations; give them time before stopping.
	var want int
	for _, q := range qs {
		want += len(q.sent)
	}
	deadline := time.Now().Add(stepWait)
	for time.Now().Before(deadline) {
		col, _ := collapse(luisChat, sentTo(r.srv, luisChat))
		if count(col, "pide tu visto bueno") >= want {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.proc.stop()
	return qs, dis
}

// checkChats checks what the users read: each requester the questions of
// one pass through the form per request, in order (the dialog resumed at
// its step after every disruption), luis one request per ticket, and no
// message repeated beyond what a disruption explains.
func (r *crashRig) checkChats(qs []*requester, dis []disruption) {
	t := r.t
	var reps []repeat
	var all []string
	for _, q := range qs {
		col, rs := collapse(q.user.ID, sentTo(r.srv, q.user.ID))
		reps = append(reps, rs...)
		for _, f := range q.sent {
			all = append(all, f.folio)
		}
		if q.stuck {
			continue // reported already
		}
		var want []string
		for range q.forms {
			want = append(want, "¿Qué servicio necesitas", "Vamos a llenar")
			want = append(want, stepMarkers[1:]...)
		}
		if !matches(col, want) {
			t.Errorf("%s read %d messages, want one pass through the form per request %q:%s", q.id, len(col), want, listSent(col))
		}
		var told []string
		for _, f := range q.sent {
			told = append(told, f.folio)
		}
		if got := folios(col, "Registré tu solicitud"); !slices.Equal(got, told) {
			t.Errorf("%s was told folios %v, read %v", q.id, told, got)
		}
	}
	col, rs := collapse(luisChat, sentTo(r.srv, luisChat))
	reps = append(reps, rs...)
	asked := folios(col, "pide tu visto bueno")
	slices.Sort(asked)
	if len(asked) != len(all) || len(slices.Compact(slices.Clone(asked))) != len(asked) {
		t.Errorf("luis was asked his visto bueno for %v, want once for each of the %d requests sent", asked, len(all))
	}
	for _, f := range all {
		if _, ok := slices.BinarySearch(asked, f); f != "" && !ok {
			t.Errorf("luis was never asked his visto bueno for %s (asked for %v)", f, asked)
		}
	}
	checkRepeats(t, reps, dis)
	presses := len(r.srv.Calls("answerCallbackQuery"))
	t.Logf("%d disruptions; %d messages delivered twice; %d button presses answered", len(dis), len(reps), presses)
	for _, rp := range reps {
		first, _, _ := strings.Cut(rp.first.text, "\n")
		t.Logf("  repeated in chat %d: %q at %s and %s", rp.chat, first,
			rp.first.at.Format("15:04:05.000"), rp.second.at.Format("15:04:05.000"))
	}
	if n := r.srv.Malformed(); n != 0 {
		t.Errorf("malformed requests = %d, want 0: %+v", n, r.srv.Errors())
	}
	if n := r.srv.TooMany(); n != 0 {
		var throttled []string
		for _, c := range r.srv.Errors() {
			if c.Status == 429 {
				throttled = append(throttled, c.Method+" chat "+c.Params["chat_id"]+" at "+c.Time.Format("15:04:05.000"))
			}
		}
		t.Errorf("429 answers = %d, want 0: %q", n, throttled)
	}
	if n := r.srv.Pending(); n != 0 {
		t.Errorf("%d updates never confirmed after the stop", n)
	}
	if ex := r.proc.unexpectedExits(); len(ex) > 0 {
		t.Errorf("ctdesk exited by itself: %q", ex)
	}
}

// checkStore opens the store ctdesk used, once it has stopped, and checks
// the tickets against the submitted forms.
func (r *crashRig) checkStore(qs []*requester) {
	var forms []form
	for _, q := range qs {
		forms = append(forms, q.sent...)
	}
	env, err := readEnv(func(k string) string { return r.vars[k] })
	if err != nil {
		r.t.Fatalf("read the environment: %v", err)
	}
	st, _, err := openStore(context.Background(), env, false)
	if err != nil {
		r.t.Fatalf("open the store after the stop: %v", err)
	}
	defer st.Close()
	checkTickets(r.t, st, forms)
}

// matches reports whether msgs are exactly one message per marker, each
// containing its marker, in order.
func matches(msgs []sent, markers []string) bool {
	if len(msgs) != len(markers) {
		return false
	}
	for i, m := range msgs {
		if !strings.Contains(m.text, markers[i]) {
			return false
		}
	}
	return true
}

// listSent shows messages one per line, for failure messages.
func listSent(msgs []sent) string {
	var b strings.Builder
	for _, m := range msgs {
		first, _, _ := strings.Cut(m.text, "\n")
		first, _, _ = strings.Cut(first, "\x00")
		b.WriteString("\n  " + m.at.Format("15:04:05.000") + " " + first)
	}
	return b.String()
}
