package bot

import (
	"context"
	"sync"

	"ctdesk/conversations"
)

// Handler applies an event; *conversations.Engine is one.
type Handler interface {
	Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error)
}

// Intake hands events to the engine so that the updates of one person are
// handled in order and never two at once, while different people proceed
// in parallel. Redelivered updates are recognised by the engine's commit.
type Intake struct {
	h     Handler
	mu    sync.Mutex
	locks map[string]*keyLock
}

type keyLock struct {
	mu   sync.Mutex
	refs int
}

// NewIntake serialises events per sender before handing them to h.
func NewIntake(h Handler) *Intake {
	return &Intake{h: h, locks: map[string]*keyLock{}}
}

// Handle applies ev after any earlier event of the same person.
func (in *Intake) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	key := ev.Platform + ":" + ev.Account
	if ev.Person != "" {
		key = ev.Person
	}
	in.mu.Lock()
	l := in.locks[key]
	if l == nil {
		l = &keyLock{}
		in.locks[key] = l
	}
	l.refs++
	in.mu.Unlock()

	l.mu.Lock()
	defer func() {
		l.mu.Unlock()
		in.mu.Lock()
		defer in.mu.Unlock()
		if l.refs--; l.refs == 0 {
			delete(in.locks, key)
		}
	}()
	return in.h.Handle(ctx, ev)
}
