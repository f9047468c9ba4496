package conversations_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// TestWorkflowProperties lets random people do random things — press the
// buttons they were sent or someone else's, type dates, texts and commands,
// send files — and checks after every step that no ticket reaches a status
// its service does not declare, that every step of its history is a
// declared action taken from an allowed status by someone allowed, that
// history only grows and each step is in the bitácora, and that only the
// right approver ever gives a visto bueno.
func TestWorkflowProperties(t *testing.T) {
	runs := map[string]int{"sqlite": 4000, "redis": 1000}
	for name, open := range convtest.Stores() {
		steps := runs[name]
		if testing.Short() {
			steps /= 5
		}
		t.Run(name, func(t *testing.T) {
			p := newProperty(t, open(t), 20261126)
			for i := 0; i < steps; i++ {
				p.step()
				p.check(i%50 == 49 || i == steps-1)
			}
			p.exercised(t)
			t.Logf("%d temporary passwords handed out", p.count("contrasena_entregada"))
			convtest.NoSecret(t, p.st, testPassword)
			t.Logf("%d steps, %d tickets, statuses reached: %v", steps, len(p.last), p.reached)
		})
	}
}

// property is the state of one random run.
type property struct {
	tb      testing.TB
	st      storage.Store
	eng     *conversations.Engine
	clock   *convtest.Clock
	rng     *rand.Rand
	seq     int
	inbox   map[string][]conversations.Message
	last    map[string]storage.Ticket
	svcs    map[string]*workflow.Service
	people  map[string]storage.Person
	reached map[string]int
}

var (
	actors = []string{"rosa", "rosa", "rosa", "luis", "beto", "beto", "ana", "rect"}
	typed  = []string{
		"Texto de prueba", "mañana", "el lunes", "01/01/2020", "15/12/2026", "https://www.upe.edu.mx/x",
		"www.upe.edu.mx/noticias", "listo", "1", "2", "3", "omitir", "sí", "no", "beto", "/cancelar", "/cola",
		"/ver CT-2026-0001", "/ver CT-2026-0002", "/mis_solicitudes", "/nueva", "mantenimiento", "web", "diseño",
		"control escolar", "correo", "rosa.diaz@upe.edu.mx",
	}
)

func newProperty(tb testing.TB, st storage.Store, seed uint64) *property {
	clock := convtest.NewClock(start)
	convtest.Seed(tb, st)
	// Some kinds need the supervisor's visto bueno too, so both approvers are exercised.
	eng, err := conversations.New(conversations.Config{
		Location: convtest.Location(), Now: clock.Now, Password: func() string { return testPassword },
		Approvals: map[string]bool{
			"mantenimiento.computadora": true, "mantenimiento.impresora": true, "control-escolar.nuevo": true,
			"control-escolar.mantenimiento": true, "web.articulo": true, "diseno.cartel": true,
		},
	}, st, conversations.DefaultServices()...)
	if err != nil {
		tb.Fatalf("new engine: %v", err)
	}
	p := &property{
		tb: tb, st: st, clock: clock, eng: eng,
		rng:   rand.New(rand.NewPCG(seed, 7)),
		inbox: map[string][]conversations.Message{}, last: map[string]storage.Ticket{},
		svcs: map[string]*workflow.Service{}, people: map[string]storage.Person{}, reached: map[string]int{},
	}
	for _, s := range conversations.DefaultServices() {
		p.svcs[s.ID] = s
	}
	for _, q := range convtest.People {
		p.people[q.ID] = q
	}
	return p
}

// step makes one random person do one random thing.
func (p *property) step() {
	p.seq++
	p.clock.Advance(time.Duration(1+p.rng.IntN(90)) * time.Minute)
	who := actors[p.rng.IntN(len(actors))]
	ev := conversations.Event{ID: fmt.Sprintf("q-%d", p.seq), Platform: "console", Account: who}
	switch r := p.rng.IntN(100); {
	case r < 50:
		ev.Button = p.button(who)
	case r < 62:
		ev.Button = p.button(actors[p.rng.IntN(len(actors))]) // maybe someone else's
	case r < 67:
		ev.Files = []conversations.IncomingFile{{Name: fmt.Sprintf("archivo-%d.pdf", p.seq), MIME: "application/pdf", Data: []byte("%PDF prueba")}}
	default:
		ev.Text = typed[p.rng.IntN(len(typed))]
	}
	if ev.Button == "" && ev.Text == "" && len(ev.Files) == 0 {
		ev.Text = "/nueva"
	}
	res, err := p.eng.Handle(context.Background(), ev)
	if err != nil {
		p.tb.Fatalf("step %d: %s %+v: %v", p.seq, who, ev, err)
	}
	for _, m := range res.Messages {
		if m.Edit == "" && len(m.Buttons) > 0 {
			box := append(p.inbox[m.To], m)
			if len(box) > 30 {
				box = box[1:]
			}
			p.inbox[m.To] = box
		}
	}
}

// button picks a button someone was sent, the newer the likelier.
func (p *property) button(owner string) string {
	box := p.inbox[owner]
	if len(box) == 0 {
		return ""
	}
	i := len(box) - 1
	if p.rng.IntN(10) < 3 {
		i -= min(p.rng.IntN(len(box)), p.rng.IntN(len(box)))
	}
	var all []conversations.Button
	for _, row := range box[i].Buttons {
		all = append(all, row...)
	}
	return all[p.rng.IntN(len(all))].Code
}

// count returns how many bitácora entries record the action.
func (p *property) count(action string) int {
	p.tb.Helper()
	log, err := p.st.Log(context.Background(), storage.LogFilter{})
	if err != nil {
		p.tb.Fatalf("log: %v", err)
	}
	n := 0
	for _, e := range log {
		if e.Action == action {
			n++
		}
	}
	return n
}

// exercised fails the run when it was too short to mean anything: it must
// have made several tickets and seen presses refused.
func (p *property) exercised(tb testing.TB) {
	tb.Helper()
	log, err := p.st.Log(context.Background(), storage.LogFilter{})
	if err != nil {
		tb.Fatalf("log: %v", err)
	}
	refused := 0
	for _, e := range log {
		if e.Action == "intento_no_autorizado" {
			refused++
		}
	}
	if len(p.last) < 3 || refused == 0 {
		tb.Fatalf("the run made %d tickets and saw %d refused presses; too little to check", len(p.last), refused)
	}
}
