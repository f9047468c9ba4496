package bot

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// LastPlatform keeps Person.Platform on the platform each person last
// wrote from, so that notifications (routed by Router) reach them where
// they are. It wraps the engine inside the intake, so a person's events
// pass one at a time.
//
// It is cheap: a person's platform is remembered for a while after it was
// checked, so a steady conversation costs no store round trip; only a
// change of platform (and the first event after Remember expires) reads the
// person, and only a change writes it.
type LastPlatform struct {
	h      Handler
	people People
	log    *slog.Logger
	// Remember is how long a checked platform is trusted; other replicas
	// may change it meanwhile. Default ten minutes.
	Remember time.Duration

	mu   sync.Mutex
	seen map[string]time.Time // "platform:account" -> when its person was last checked
}

// People finds a person by account and saves a person; the engine serves
// the first from its directory cache, so recording costs no store read.
type People interface {
	PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error)
	PutPerson(ctx context.Context, p storage.Person) error
}

// NewLastPlatform records the platform of each known person's events in
// the directory before handing them to h.
func NewLastPlatform(h Handler, people People, log *slog.Logger) *LastPlatform {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &LastPlatform{h: h, people: people, log: log, Remember: 10 * time.Minute, seen: map[string]time.Time{}}
}

// Handle records where ev came from, then applies it. The record comes
// first so that the answers to this very event already go there.
func (l *LastPlatform) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	if ev.Platform != "" && ev.Account != "" {
		l.note(ctx, ev.Platform, ev.Account)
	}
	return l.h.Handle(ctx, ev)
}

// note updates the person behind an account when their platform changed.
// A failure is logged, not returned: the event still counts.
func (l *LastPlatform) note(ctx context.Context, platform, account string) {
	key := platform + ":" + account
	now := time.Now()
	l.mu.Lock()
	at, ok := l.seen[key]
	if len(l.seen) > 100000 {
		clear(l.seen)
	}
	l.mu.Unlock()
	if ok && now.Sub(at) < l.Remember {
		return
	}
	p, err := l.people.PersonByAccount(ctx, platform, account)
	if err != nil {
		return // not in the directory (yet): nothing to route
	}
	if p.Platform != platform && !p.Pending {
		p.Platform = platform
		if err := l.people.PutPerson(ctx, p); err != nil {
			l.log.Warn("record last platform", "person", p.ID, "platform", platform, "err", err)
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	// The person's other accounts are no longer where they were last.
	for other, acct := range p.Accounts {
		delete(l.seen, other+":"+acct)
	}
	l.seen[key] = now
}
