package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"ctdesk/storage"
)

// ParkingStore is what parking needs of a store: the outbox whose items it
// hides and shows, a value for its index, and a lock around the index.
type ParkingStore interface {
	storage.Outbox
	storage.Values
	storage.Jobs
}

// Parking keeps the messages that no platform could deliver to their
// recipient (they blocked the bot, or never opened a chat with it) until
// the recipient is seen again: the messages stay in the outbox, hidden,
// and an index in the store's values lists them by recipient. When the
// recipient writes to the bot, or a message reaches them, Release shows
// them again, in their order. Parking is shared by every replica through
// the store: the leading dispatcher parks, any replica's intake releases.
type Parking struct {
	st    ParkingStore
	owner string
	// Refresh is how long a replica trusts its copy of the index when it
	// asks whether someone has parked messages (default 5 s).
	Refresh time.Duration

	// updating keeps this process's changes of the index one at a time
	// (the store's lock is per owner, and all of them here are one owner).
	updating sync.Mutex

	mu     sync.Mutex
	known  map[string]bool // recipients with parked messages, as last read
	loaded time.Time
}

const (
	// parkedKey names the index among the store's values.
	parkedKey = "outbox:parked"
	// parkedLock guards the index's read-modify-write.
	parkedLock = "outbox:parked"
	// parkFor hides a parked message; should its recipient never be seen,
	// it is tried again after that long (and parked again).
	parkFor = 30 * 24 * time.Hour
)

// NewParking parks messages in st.
func NewParking(st ParkingStore) *Parking {
	return &Parking{st: st, owner: newOwner(), Refresh: 5 * time.Second, known: map[string]bool{}}
}

// Park hides the outbox item id until its recipient is seen again. The
// index is written first: a crash before the item is hidden leaves it to
// be tried (and parked) again rather than hidden and unlisted.
func (p *Parking) Park(ctx context.Context, recipient, id string) error {
	_, err := p.park(ctx, recipient, id, false)
	return err
}

// ParkBehind parks id when its recipient already has parked messages, and
// reports whether it did: a message queued after those must not overtake
// them, and would most likely not reach the recipient either.
func (p *Parking) ParkBehind(ctx context.Context, recipient, id string) (bool, error) {
	return p.park(ctx, recipient, id, true)
}

// park lists id under recipient and hides it, both under the index's lock
// so that a release cannot come in between; behind parks only when the
// recipient has parked messages.
func (p *Parking) park(ctx context.Context, recipient, id string, behind bool) (bool, error) {
	parked := false
	err := p.update(ctx, func(idx map[string][]string) error {
		if behind && len(idx[recipient]) == 0 {
			return nil
		}
		parked = true
		if !slices.Contains(idx[recipient], id) {
			idx[recipient] = append(idx[recipient], id)
		}
		if err := p.write(ctx, idx); err != nil {
			return err
		}
		err := p.st.RetryOutbox(ctx, id, time.Now().Add(parkFor), "parked: the recipient cannot be reached")
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("bot: park %s: %w", id, err)
		}
		return nil
	})
	return parked, err
}

// Waiting reports whether recipient has parked messages, from a copy of
// the index read at most Refresh ago.
func (p *Parking) Waiting(ctx context.Context, recipient string) bool {
	p.mu.Lock()
	fresh := time.Since(p.loaded) < p.Refresh
	p.mu.Unlock()
	if !fresh {
		idx, err := p.read(ctx)
		if err == nil {
			p.remember(idx)
		}
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.known[recipient]
}

// Release shows the recipient's parked messages again, due now, and
// reports how many there were. They are shown before the index forgets
// them: a crash in between leaves them listed and sent, not hidden for
// good; and under the index's lock, so that no message is parked behind
// them meanwhile.
func (p *Parking) Release(ctx context.Context, recipient string) (int, error) {
	n := 0
	err := p.update(ctx, func(idx map[string][]string) error {
		ids := idx[recipient]
		if len(ids) == 0 {
			return nil
		}
		now := time.Now()
		for _, id := range ids {
			err := p.st.RetryOutbox(ctx, id, now, "released: the recipient was seen")
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				return fmt.Errorf("bot: release %s: %w", id, err)
			}
		}
		n = len(ids)
		delete(idx, recipient)
		return p.write(ctx, idx)
	})
	return n, err
}

// update reads the index under its lock and hands it to change, which
// writes what it changes; the copy that Waiting consults is refreshed.
func (p *Parking) update(ctx context.Context, change func(map[string][]string) error) error {
	p.updating.Lock()
	defer p.updating.Unlock()
	if err := p.lock(ctx); err != nil {
		return err
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		_ = p.st.Unlock(ctx, parkedLock, p.owner)
	}()
	idx, err := p.read(ctx)
	if err != nil {
		return err
	}
	if err := change(idx); err != nil {
		return err
	}
	p.remember(idx)
	return nil
}

// write stores the index.
func (p *Parking) write(ctx context.Context, idx map[string][]string) error {
	raw, err := json.Marshal(idx)
	if err != nil {
		return fmt.Errorf("bot: parked index: %w", err)
	}
	if err := p.st.SetValue(ctx, parkedKey, raw, 0); err != nil {
		return fmt.Errorf("bot: parked index: %w", err)
	}
	return nil
}

// lock takes the index's lock, waiting a few seconds at most.
func (p *Parking) lock(ctx context.Context) error {
	deadline := time.Now().Add(5 * time.Second)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		ok, err := p.st.TryLock(ctx, parkedLock, p.owner, 10*time.Second)
		switch {
		case err != nil:
			return fmt.Errorf("bot: parked index lock: %w", err)
		case ok:
			return nil
		case time.Now().After(deadline):
			return errors.New("bot: parked index lock: busy")
		}
		Sleep(ctx, wait)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// read loads the index; an absent one is empty.
func (p *Parking) read(ctx context.Context) (map[string][]string, error) {
	idx := map[string][]string{}
	raw, err := p.st.Value(ctx, parkedKey)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return idx, nil
	case err != nil:
		return nil, fmt.Errorf("bot: parked index: %w", err)
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		return nil, fmt.Errorf("bot: parked index: %w", err)
	}
	return idx, nil
}

// remember keeps which recipients the index lists.
func (p *Parking) remember(idx map[string][]string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	clear(p.known)
	for r, ids := range idx {
		if len(ids) > 0 {
			p.known[r] = true
		}
	}
	p.loaded = time.Now()
}
