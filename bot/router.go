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
// directory or last used, else the first enabled one they have an account on.
type Router struct {
	people  PersonFinder
	senders map[string]Sender
	order   []string
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
// or "platform:account" for someone not in the directory.
func (r *Router) Route(ctx context.Context, recipient string) (Sender, string, error) {
	if platform, account, ok := strings.Cut(recipient, ":"); ok {
		if s, ok := r.senders[platform]; ok {
			return s, account, nil
		}
		return nil, "", fmt.Errorf("bot: route %s: %w", recipient, ErrNoRoute)
	}
	p, err := r.people.Person(ctx, recipient)
	if err != nil {
		return nil, "", fmt.Errorf("bot: route %s: %w", recipient, err)
	}
	if s, ok := r.senders[p.Platform]; ok && p.Accounts[p.Platform] != "" {
		return s, p.Accounts[p.Platform], nil
	}
	for _, name := range r.order {
		if acct := p.Accounts[name]; acct != "" {
			return r.senders[name], acct, nil
		}
	}
	return nil, "", fmt.Errorf("bot: route %s: %w", recipient, ErrNoRoute)
}
