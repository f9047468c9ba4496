package bot

import (
	"context"
	"fmt"
	"strings"

	"ctdesk/storage"
)

// PersonFinder finds a person by id; the engine serves it from its cached
// directory, so routing a message costs no store read.
type PersonFinder interface {
	Person(ctx context.Context, id string) (storage.Person, error)
}

// Router finds where a recipient is reached: the platform set in the
// directory or last used, else the first enabled one they have an account
// on; a platform that is down is passed over for the next one.
type Router struct {
	people  PersonFinder
	senders map[string]Sender
	order   []string
	// Up, when set, tells whether a platform is reachable now (see
	// Platforms.Up); all are when nil.
	Up func(platform string) bool
}

// NewRouter routes to the given senders, preferring them in that order.
func NewRouter(people PersonFinder, senders ...Sender) *Router {
	r := &Router{people: people, senders: map[string]Sender{}}
	for _, s := range senders {
		r.senders[s.Platform()] = s
		r.order = append(r.order, s.Platform())
	}
	return r
}

// Route returns the sender and the account for a recipient: a person id,
// or "platform:account" for someone not in the directory. It returns
// ErrPlatformDown when only platforms that are down reach the recipient,
// and ErrNoRoute when none does.
func (r *Router) Route(ctx context.Context, recipient string) (Sender, string, error) {
	if platform, account, ok := strings.Cut(recipient, ":"); ok {
		s, ok := r.senders[platform]
		switch {
		case !ok:
			return nil, "", fmt.Errorf("bot: route %s: %w", recipient, ErrNoRoute)
		case !r.up(platform):
			return nil, "", fmt.Errorf("bot: route %s: %s: %w", recipient, platform, ErrPlatformDown)
		}
		return s, account, nil
	}
	p, err := r.people.Person(ctx, recipient)
	if err != nil {
		return nil, "", fmt.Errorf("bot: route %s: %w", recipient, err)
	}
	return r.pick(recipient, p, "")
}

// pick chooses among the person's accounts on enabled platforms other than
// skip: the person's platform first, then in the router's order.
func (r *Router) pick(recipient string, p storage.Person, skip string) (Sender, string, error) {
	down := ""
	for _, name := range append([]string{p.Platform}, r.order...) {
		s, ok := r.senders[name]
		if !ok || name == skip || p.Accounts[name] == "" {
			continue
		}
		if !r.up(name) {
			down = name
			continue
		}
		return s, p.Accounts[name], nil
	}
	if down != "" {
		return nil, "", fmt.Errorf("bot: route %s: %s: %w", recipient, down, ErrPlatformDown)
	}
	return nil, "", fmt.Errorf("bot: route %s: %w", recipient, ErrNoRoute)
}

// Other returns another platform that reaches the person than skip: for
// a message the skipped platform could not deliver. ErrNoRoute when there
// is none (or the recipient is not in the directory).
func (r *Router) Other(ctx context.Context, recipient, skip string) (Sender, string, error) {
	if strings.Contains(recipient, ":") {
		return nil, "", fmt.Errorf("bot: route %s: %w", recipient, ErrNoRoute)
	}
	p, err := r.people.Person(ctx, recipient)
	if err != nil {
		return nil, "", fmt.Errorf("bot: route %s: %w", recipient, err)
	}
	return r.pick(recipient, p, skip)
}

func (r *Router) up(platform string) bool { return r.Up == nil || r.Up(platform) }
