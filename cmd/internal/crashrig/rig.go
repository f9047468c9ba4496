//go:build linux

// Package crashrig knocks a real ctdesk process over while requesters fill
// correo alta forms in their Telegram chats (a fake Bot API on loopback),
// and checks afterwards what they read and what the store holds: no
// dialog restarted, no ticket lost or doubled, folios without gaps, and a
// message repeated only when a kill came between its delivery and its
// record. The crash test of cmd/ctdesk and the kill loop (cmd/killloop)
// share it.
package crashrig

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/storage"
)

// T is what the rig reports to: a *testing.T, or the kill loop's report.
type T interface {
	Helper()
	Logf(format string, args ...any)
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Failed() bool
	Cleanup(func())
}

// Tally counts what a run found, as the kill loop reports it.
type Tally struct {
	Disruptions int
	Updates     int // updates the requesters sent
	// LostUpdates are updates never answered (a requester stuck), never
	// confirmed to the platform, or forms told a folio the store lacks.
	LostUpdates int
	// Duplicates are messages delivered twice in a row; Unexplained of
	// them had no kill or restart between send and record.
	Duplicates, Unexplained int
	Tickets                 int
	FolioGaps               int // folio numbers missing below the highest
	// StuckTickets wait without a way forward: not waiting for the visto
	// bueno, or never asked to the supervisor.
	StuckTickets int
	// LongestWait is the longest a requester waited for an answer.
	LongestWait time.Duration
}

// Requesters are the people of the finanzas area who fill the forms; the
// first four are those of the crash test, the rest are made up.
func Requesters(n int) []Person {
	out := []Person{
		{"rosa", telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz", LanguageCode: "es"}},
		{"mara", telegramtest.User{ID: 2003, FirstName: "Mara", LastName: "Soto", LanguageCode: "es"}},
		{"pepe", telegramtest.User{ID: 2004, FirstName: "Pepe", LastName: "Gil", LanguageCode: "es"}},
		{"nora", telegramtest.User{ID: 2005, FirstName: "Nora", LastName: "Vega", LanguageCode: "es"}},
	}
	for i := len(out); i < n; i++ {
		out = append(out, Person{fmt.Sprintf("req%02d", i+1),
			telegramtest.User{ID: int64(2100 + i), FirstName: "Solicitante", LastName: fmt.Sprintf("%02d", i+1), LanguageCode: "es"}})
	}
	return out[:n]
}

// Person is a requester: her id in the directory and her Telegram user.
type Person struct {
	ID   string
	User telegramtest.User
}

// LuisChat is the supervisor's chat, where each request asks his visto bueno.
const LuisChat = 2001

// Config writes a configuration with the example's staff and supervisor
// and the requesters into dir, and returns its path.
func Config(t T, dir string, people []Person) string {
	t.Helper()
	cfg := `institution: Universidad Politécnica de Ejemplo
timezone: America/Mexico_City
language: es
mail_domain: upe.edu.mx
approvals: {correo.alta: true}
areas:
  - {id: finanzas, name: Dirección de Finanzas, supervisor: luis}
  - {id: tecnologias, name: Coordinación de Tecnologías, supervisor: ana}
  - {id: rectoria, name: Rectoría, supervisor: rect}
people:
  - {id: ana,  name: Ana López,  role: coordinador, area: tecnologias, telegram: 1001}
  - {id: beto, name: Beto Ruiz,  role: tecnico,     area: tecnologias, telegram: 1002}
  - {id: luis, name: Luis Pérez, role: supervisor,  area: finanzas,    telegram: 2001}
  - {id: rect, name: Rectoría,   role: autoridad,   area: rectoria,    telegram: 3001}
`
	for _, p := range people {
		cfg += fmt.Sprintf("  - {id: %s, name: %s %s, role: usuario, area: finanzas, telegram: %d}\n",
			p.ID, p.User.FirstName, p.User.LastName, p.User.ID)
	}
	path := filepath.Join(dir, "ctdesk.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatalf("config: %v", err)
	}
	return path
}

// Scenario is a run of requesters filling forms while the service is
// knocked over now and then.
type Scenario struct {
	People      []Person
	Forms       int    // forms each requester submits
	Disruptions int    // how many times the service is knocked over at random moments
	OnSubmit    int    // and how many times right as a requester presses «Enviar»
	Seed        uint64 // chooses the moments
	// UntilDone makes the requesters go on with more forms (up to Forms)
	// until every disruption happened.
	UntilDone bool
	// Patience is how long a requester waits for each answer before she
	// counts as stuck (StepWait when zero).
	Patience time.Duration
	// Recover makes each random disruption wait, before the next is timed,
	// until the service delivered a message again (StepWait at most), so
	// that every crash is one the service comes back from.
	Recover bool
	// Settle is how long, once the requesters are done, the supervisor's
	// requests may take to arrive (StepWait when zero).
	Settle time.Duration
	// Disrupt knocks the service over and brings it back.
	Disrupt func(r *Rig) Disruption
}

// Rig is a fake Bot API, a ctdesk process and its store settings.
type Rig struct {
	T    T
	Srv  *telegramtest.Server
	Proc *Proc
	Vars map[string]string
	rng  *rand.Rand
}

// NewRig prepares ctdesk (the binary bin) over srv with vars, which name
// the store and the config.
func NewRig(t T, bin string, srv *telegramtest.Server, vars map[string]string, seed uint64) *Rig {
	all := map[string]string{
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	}
	for k, v := range vars {
		all[k] = v
	}
	t.Logf("seed %d", seed)
	return &Rig{T: t, Srv: srv, Proc: NewProc(t, bin, srv, all), Vars: all, rng: rand.New(rand.NewPCG(seed, seed^0x5eed))}
}

// Between is a random duration in [lo, hi).
func (r *Rig) Between(lo, hi time.Duration) time.Duration {
	return lo + time.Duration(r.rng.Int64N(int64(hi-lo)))
}

// KillCtdesk kills ctdesk with SIGKILL, leaves it down for a moment while
// updates pile up, and starts it again.
func KillCtdesk(r *Rig) Disruption {
	at := r.Proc.Kill()
	time.Sleep(r.Between(0, 300*time.Millisecond))
	r.Proc.Start()
	return Disruption{What: "kill -9", At: at, Over: time.Now()}
}

// Check checks what the requesters read and what the store holds, once
// ctdesk has stopped; open opens its store. It counts what it finds.
func (r *Rig) Check(qs []*Requester, dis []Disruption, open func() (storage.Store, error)) Tally {
	tally := Tally{Disruptions: len(dis)}
	r.checkChats(qs, dis, &tally)
	st, err := open()
	if err != nil {
		r.T.Fatalf("open the store after the stop: %v", err)
	}
	defer st.Close()
	var forms []Form
	for _, q := range qs {
		forms = append(forms, q.Sent...)
	}
	checkTickets(r.T, st, forms, &tally)
	return tally
}

// settle waits, after the requesters are done, until luis was asked his
// visto bueno once per submitted form (his requests go out after the
// requesters' confirmations, paced), or limit.
func (r *Rig) settle(qs []*Requester, limit time.Duration) {
	var want int
	for _, q := range qs {
		want += len(q.Sent)
	}
	if limit == 0 {
		limit = StepWait
	}
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		col, _ := Collapse(LuisChat, SentTo(r.Srv, LuisChat))
		if Count(col, "pide tu visto bueno") >= want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// startRequesters runs each requester in her own goroutine, staggered so
// that their presses of «Enviar» come apart; done gets each one's end.
func startRequesters(ctx context.Context, r *Rig, sc Scenario, more func() bool, submitting chan<- Submission) ([]*Requester, chan error) {
	var qs []*Requester
	done := make(chan error, len(sc.People))
	for i, p := range sc.People {
		q := &Requester{ID: p.ID, User: p.User, Forms: sc.Forms, Patience: sc.Patience, Rng: rand.New(rand.NewPCG(sc.Seed, uint64(i)))}
		if sc.UntilDone {
			q.More = more
		}
		qs = append(qs, q)
		go func() {
			time.Sleep(time.Duration(i) * 700 * time.Millisecond)
			err := q.Run(ctx, r.Srv, submitting)
			if err != nil {
				q.Stuck = true
			}
			done <- err
		}()
	}
	return qs, done
}

// recovered waits until the fake accepted a message sent after d was over,
// or StepWait.
func (r *Rig) recovered(d Disruption) {
	deadline := time.Now().Add(StepWait)
	for time.Now().Before(deadline) {
		calls := r.Srv.Calls("sendMessage")
		for i := len(calls) - 1; i >= 0 && calls[i].Time.After(d.Over); i-- {
			if calls[i].Status == 200 {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
