package conversations

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"ctdesk/storage"
)

// unreachedPrefix names, among the store's values, the mark of a person
// whom no platform reaches: "1" while marked, "0" once reached again.
const unreachedPrefix = "unreached:"

// unreachedTrust is how long a replica trusts what it last read of a
// person's mark before reading it again.
const unreachedTrust = 5 * time.Second

// unreachedMarks caches the marks read from the store, so that Reached,
// told of every delivery, reads the store once per person in a while.
type unreachedMarks struct {
	mu   sync.Mutex
	seen map[string]mark
}

type mark struct {
	on bool
	at time.Time
}

func (u *unreachedMarks) get(id string) (mark, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	m, ok := u.seen[id]
	return m, ok && time.Since(m.at) < unreachedTrust
}

func (u *unreachedMarks) set(id string, on bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.seen == nil || len(u.seen) > 10000 {
		u.seen = map[string]mark{}
	}
	u.seen[id] = mark{on: on, at: time.Now()}
}

// markUnreached records that no platform reaches the person.
func (e *Engine) markUnreached(ctx context.Context, id string) error {
	if err := e.st.SetValue(ctx, unreachedPrefix+id, []byte("1"), 0); err != nil {
		return fmt.Errorf("conversations: mark %s unreached: %w", id, err)
	}
	e.marks.set(id, true)
	return nil
}

// Unreached reports whether the person is marked as not reached: a
// message for them waits until they write to the bot.
func (e *Engine) Unreached(ctx context.Context, id string) (bool, error) {
	if m, fresh := e.marks.get(id); fresh {
		return m.on, nil
	}
	v, err := e.st.Value(ctx, unreachedPrefix+id)
	if err != nil && !notFound(err) {
		return false, fmt.Errorf("conversations: read mark of %s: %w", id, err)
	}
	on := err == nil && string(v) == "1"
	e.marks.set(id, on)
	return on, nil
}

// Reached notes that a message reached the person: a mark of not being
// reached goes away. Told of every delivery, it reads the store for a
// person at most once in unreachedTrust.
func (e *Engine) Reached(ctx context.Context, id string) error {
	on, err := e.Unreached(ctx, id)
	if err != nil || !on {
		return err
	}
	if err := e.st.SetValue(ctx, unreachedPrefix+id, []byte("0"), 0); err != nil {
		return fmt.Errorf("conversations: unmark %s: %w", id, err)
	}
	e.marks.set(id, false)
	return nil
}

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
		on, err := e.Unreached(ctx, id)
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
