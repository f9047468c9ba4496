// Package reach keeps which people no platform reaches (they blocked the
// bot, or never opened a chat with it): a mark in the store's values,
// shared by every replica, set when a message to them is parked and taken
// away when a message reaches them again. A ticket waiting for such a
// person says so, and their reminders go to the coordination.
package reach

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"ctdesk/storage"
)

// prefix names, among the store's values, the mark of a person whom no
// platform reaches: "1" while marked, "0" once reached again.
const prefix = "unreached:"

// trust is how long a replica trusts what it last read of a person's mark
// before reading it again.
const trust = 5 * time.Second

// Marks reads and writes the marks, with a short cache, so that Reached,
// told of every delivery, reads the store once per person in a while.
type Marks struct {
	st storage.Values

	mu   sync.Mutex
	seen map[string]mark
}

type mark struct {
	on bool
	at time.Time
}

// New keeps the marks in st.
func New(st storage.Values) *Marks { return &Marks{st: st} }

func (u *Marks) get(id string) (mark, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	m, ok := u.seen[id]
	return m, ok && time.Since(m.at) < trust
}

func (u *Marks) set(id string, on bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.seen == nil || len(u.seen) > 10000 {
		u.seen = map[string]mark{}
	}
	u.seen[id] = mark{on: on, at: time.Now()}
}

// Mark records that no platform reaches the person.
func (u *Marks) Mark(ctx context.Context, id string) error {
	if err := u.st.SetValue(ctx, prefix+id, []byte("1"), 0); err != nil {
		return fmt.Errorf("reach: mark %s unreached: %w", id, err)
	}
	u.set(id, true)
	return nil
}

// Unreached reports whether the person is marked as not reached: a
// message for them waits until they write to the bot.
func (u *Marks) Unreached(ctx context.Context, id string) (bool, error) {
	if m, fresh := u.get(id); fresh {
		return m.on, nil
	}
	v, err := u.st.Value(ctx, prefix+id)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return false, fmt.Errorf("reach: read mark of %s: %w", id, err)
	}
	on := err == nil && string(v) == "1"
	u.set(id, on)
	return on, nil
}

// Reached notes that a message reached the person: a mark of not being
// reached goes away. Told of every delivery, it reads the store for a
// person at most once in a few seconds.
func (u *Marks) Reached(ctx context.Context, id string) error {
	on, err := u.Unreached(ctx, id)
	if err != nil || !on {
		return err
	}
	if err := u.st.SetValue(ctx, prefix+id, []byte("0"), 0); err != nil {
		return fmt.Errorf("reach: unmark %s: %w", id, err)
	}
	u.set(id, false)
	return nil
}
