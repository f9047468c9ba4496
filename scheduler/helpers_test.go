package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/calendar"
	"ctdesk/scheduler"
	"ctdesk/storage"
)

// env is a scheduler over a real store, with its engine and a clock that
// moves only when told.
type env struct {
	st    storage.Store
	eng   *conversations.Engine
	clock *convtest.Clock
	s     *scheduler.Scheduler
	loc   *time.Location
}

// at is a time in the institution's zone.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, convtest.Location())
}

// mustEnv seeds the example directory in st and starts a scheduler at
// start, recording its first run so later runs count as due.
func mustEnv(tb testing.TB, st storage.Store, start time.Time) *env {
	tb.Helper()
	convtest.Seed(tb, st)
	e := mustReplica(tb, st, convtest.NewClock(start), "a")
	if err := e.s.RunDue(context.Background()); err != nil {
		tb.Fatalf("first RunDue: %v", err)
	}
	return e
}

// mustReplica builds another scheduler and engine over the same store.
func mustReplica(tb testing.TB, st storage.Store, clock *convtest.Clock, owner string) *env {
	tb.Helper()
	loc := convtest.Location()
	cal := calendar.New(loc)
	eng, err := conversations.New(conversations.Config{
		Institution: "Universidad Politécnica de Ejemplo", Location: loc, Calendar: cal,
		Now: clock.Now, DirectoryTTL: time.Nanosecond,
	}, st, conversations.DefaultServices()...)
	if err != nil {
		tb.Fatalf("engine: %v", err)
	}
	s, err := scheduler.New(scheduler.Config{
		Institution: "Universidad Politécnica de Ejemplo", Location: loc, Calendar: cal,
		Now: clock.Now, Owner: owner,
	}, st, eng, nil)
	if err != nil {
		tb.Fatalf("scheduler: %v", err)
	}
	return &env{st: st, eng: eng, clock: clock, s: s, loc: loc}
}

// runAt moves the clock and runs whatever is due.
func (e *env) runAt(tb testing.TB, t time.Time) []conversations.Message {
	tb.Helper()
	e.clock.Set(t)
	if err := e.s.RunDue(context.Background()); err != nil {
		tb.Fatalf("RunDue at %s: %v", t, err)
	}
	return e.drain(tb)
}

// drain takes every message out of the outbox, in order.
func (e *env) drain(tb testing.TB) []conversations.Message {
	tb.Helper()
	ctx := context.Background()
	var out []conversations.Message
	for {
		items, err := e.st.ClaimOutbox(ctx, e.clock.Now().Add(24*time.Hour), time.Hour, 100)
		if err != nil {
			tb.Fatalf("claim outbox: %v", err)
		}
		if len(items) == 0 {
			return out
		}
		for _, it := range items {
			m, err := e.eng.Decode(ctx, it.Payload)
			if err != nil {
				tb.Fatalf("decode %s: %v", it.ID, err)
			}
			out = append(out, m)
			if err := e.st.AckOutbox(ctx, it.ID); err != nil {
				tb.Fatalf("ack %s: %v", it.ID, err)
			}
		}
	}
}

// say sends the engine an event from a person and returns what it queued.
func (e *env) say(tb testing.TB, ev conversations.Event) []conversations.Message {
	tb.Helper()
	if _, err := e.eng.Handle(context.Background(), ev); err != nil {
		tb.Fatalf("handle %+v: %v", ev, err)
	}
	return e.drain(tb)
}

// to keeps the messages to one person whose text contains want.
func to(msgs []conversations.Message, person, want string) []conversations.Message {
	var out []conversations.Message
	for _, m := range msgs {
		if m.To == person && strings.Contains(m.Text, want) {
			out = append(out, m)
		}
	}
	return out
}

// texts lists messages for a failure message.
func texts(msgs []conversations.Message) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("\n→ " + m.To + ": " + m.Text)
	}
	return b.String()
}

// mustTicket stores a ticket and returns its folio.
func mustTicket(tb testing.TB, st storage.Store, tk storage.Ticket) string {
	tb.Helper()
	if tk.Updated.IsZero() {
		tk.Updated = tk.Created
	}
	done, err := st.Commit(context.Background(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk}}})
	if err != nil {
		tb.Fatalf("commit ticket: %v", err)
	}
	return done.Folio
}
