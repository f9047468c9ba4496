package conversations

import (
	"context"
	"sort"

	"ctdesk/storage"
)

// Unreached reports whether the person is marked as not reached (package
// reach): a message for them waits until they write to the bot.
func (e *Engine) Unreached(ctx context.Context, id string) (bool, error) {
	return e.reach.Unreached(ctx, id)
}

// Reached notes that a message reached the person: a mark of not being
// reached goes away.
func (e *Engine) Reached(ctx context.Context, id string) error { return e.reach.Reached(ctx, id) }

// NotReached lists the approvers whom a ticket waits for and whom no
// platform reaches, by name: the ticket shows them, and their reminders
// go to the coordination.
func (e *Engine) NotReached(ctx context.Context, tk *storage.Ticket) ([]string, error) {
	approvers, err := e.Approvers(ctx, tk)
	if err != nil || len(approvers) == 0 {
		return nil, err
	}
	var names []string
	for id := range approvers {
		on, err := e.reach.Unreached(ctx, id)
		if err != nil {
			return nil, err
		}
		if on {
			name := id
			if p, err := e.Person(ctx, id); err == nil {
				name = p.Name
			}
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names, nil
}
