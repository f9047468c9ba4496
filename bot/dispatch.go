package bot

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// OutboxStore is what the dispatcher needs of a store.
type OutboxStore interface {
	storage.Outbox
	storage.Files
	storage.Directory
	storage.Jobs
	storage.Values
}

// Decoder turns an outbox payload into a message; *conversations.Engine is
// one. A payload that is no message is storage.ErrInvalid; other errors
// (a key the store could not give now) are tried again.
type Decoder interface {
	Decode(ctx context.Context, payload []byte) (conversations.Message, error)
}

// DispatcherConfig tunes delivery.
type DispatcherConfig struct {
	// Lease hides claimed messages while they are sent. Only the leading
	// dispatcher claims, and it renews nothing: a message still in its hands
	// when the lease ends is claimed again by itself and recognised. So the
	// lease is short, and it bounds how long a crash delays what was claimed.
	Lease time.Duration
	// Batch is how many messages are claimed at once.
	Batch int
	// Poll is how often the outbox is looked at when nothing wakes the dispatcher.
	Poll time.Duration
	// MaxAttempts drops a message after that many failed attempts.
	MaxAttempts int
	// LeaderTTL is how long a dispatcher leads without renewing its lock;
	// after a crash another process takes the outbox over that long after.
	LeaderTTL time.Duration
	// Owner names this replica in the leader's lock, the same across its
	// restarts: a process started again after a crash takes its
	// predecessor's lead at once instead of waiting LeaderTTL. No two live
	// dispatchers on one store may share it. Random when empty.
	Owner string
	// Unreachable is told, once per recipient until a message reaches them
	// again, that no platform reaches a recipient (they blocked the bot, or
	// never opened a chat with it): m, and whatever follows it, waits in
	// Parking until they write to the bot.
	Unreachable func(ctx context.Context, recipient string, m conversations.Message)
	// SecretsTakenBack is told what a take-back of a ticket's secrets did
	// in a recipient's chats: deleted, or kept because the platform no
	// longer lets delete them.
	SecretsTakenBack func(ctx context.Context, folio, recipient string, done TakenBack)
	// Reached is told of every message delivered, by recipient, so that a
	// mark of not being reached goes away; it must be cheap.
	Reached func(ctx context.Context, recipient string)
	// SecretUndelivered is told when a ticket's secret (a temporary
	// password, Message.Folio set) is given up for recipient: it failed
	// for good, or its seal key is gone.
	SecretUndelivered func(ctx context.Context, recipient, folio string)
	// Parking keeps those messages; one over the store when nil.
	Parking *Parking
	// Observe is told what becomes of each message (nothing when nil).
	Observe Observer
	Log     *slog.Logger
}

func (c *DispatcherConfig) defaults() {
	if c.Lease <= 0 {
		c.Lease = 10 * time.Second
	}
	if c.Batch <= 0 {
		c.Batch = 100
	}
	if c.Poll <= 0 {
		c.Poll = 500 * time.Millisecond
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = 25
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Observe == nil {
		c.Observe = nopObserver{}
	}
	if c.LeaderTTL <= 0 {
		c.LeaderTTL = 10 * time.Second
	}
}

// Dispatcher delivers the outbox: each message at least once, in order per
// recipient, paced to each platform's limits, waiting as long as a platform
// asks (retry-after) and retrying failures with backoff.
//
// Each recipient has one worker that sends their messages in outbox order.
// When a send must wait (429 retry_after, a 5xx backoff) the worker keeps the
// message at the head of the recipient's queue and waits, so nothing goes to
// that chat before the wait is over and nothing overtakes it; a wait longer
// than half the lease gives the recipient's messages back to the store,
// hidden until then, and the next claim brings them back in order.
type Dispatcher struct {
	st    OutboxStore
	dec   Decoder
	route *Router
	cfg   DispatcherConfig
	pace  *pacing
	acks  *acks
	wake  chan struct{}

	mu       sync.Mutex
	holds    map[string]time.Time // recipient -> nothing goes to it before this
	queues   map[string][]storage.OutboxItem
	running  map[string]bool
	inflight map[string]bool // outbox ids in a queue
	// done holds the ids finished (acknowledged or dropped) since the
	// current claim began: a claim whose script ran before such an ack
	// may return the id, and must not queue it again.
	done map[string]bool
	// reclaimed holds the ids in a queue that a claim returned again: their
	// lease ran out, or, parked, they were released meanwhile. The claim
	// hid them for its lease; one put away unsent is shown again.
	reclaimed map[string]bool
	blocked   map[string]bool // recipients Unreachable was told about
	// busy marks the recipients whose worker is handling the head of their
	// queue: a claim queues behind it, and elsewhere in Seq order.
	busy map[string]bool
	// started and finished count claims: a worker can wait for one that
	// starts after a moment (awaitClaim).
	started, finished uint64
	wg                sync.WaitGroup
}

// NewDispatcher delivers the store's outbox through the router.
func NewDispatcher(st OutboxStore, dec Decoder, route *Router, cfg DispatcherConfig) *Dispatcher {
	cfg.defaults()
	if cfg.Parking == nil {
		cfg.Parking = NewParking(st)
	}
	return &Dispatcher{
		st: st, dec: dec, route: route, cfg: cfg, pace: newPacing(), acks: &acks{st: st},
		wake: make(chan struct{}, 1), holds: map[string]time.Time{},
		queues: map[string][]storage.OutboxItem{}, running: map[string]bool{},
		inflight: map[string]bool{}, done: map[string]bool{}, reclaimed: map[string]bool{}, blocked: map[string]bool{},
		busy: map[string]bool{},
	}
}

// Wake tells the dispatcher that new messages are waiting.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx is done, then waits for the messages being sent
// and gives back to the store those not sent yet.
func (d *Dispatcher) Run(ctx context.Context) error {
	tick := time.NewTicker(d.cfg.Poll)
	defer tick.Stop()
	owner := d.cfg.Owner
	if owner == "" {
		owner = newOwner()
	}
	lead := &leadership{d: d, owner: owner}
	defer lead.resign() // after the workers are done, so no successor overlaps them
	defer d.wg.Wait()
	sweep := time.Now()
	// The first claims of a new leader look a lease ahead: what a crashed
	// predecessor had in hand (itself, restarted) goes out at once, before
	// anything queued since, instead of after its lease. They hide what
	// they take for the usual lease, so a successor's look ahead covers
	// every claim. A message given back to wait for its platform carries
	// the end of the wait (holdNote), kept when it is claimed early; one
	// that was waiting in the dead process's memory (a retry_after of a
	// few seconds) may meet one more 429.
	recovering := true
	for {
		n := 0
		if lead.hold(ctx) {
			at, lease := time.Now(), d.cfg.Lease
			if recovering {
				at, lease = at.Add(lease), time.Millisecond
			}
			var err error
			n, err = d.claim(ctx, at, lease)
			if err != nil && ctx.Err() == nil {
				d.cfg.Log.Error("claim outbox", "err", err)
			}
			recovering = recovering && (err != nil || n == d.cfg.Batch)
		}
		if time.Since(sweep) > 10*time.Minute {
			d.pace.forget(10 * time.Minute)
			d.forgetHolds()
			sweep = time.Now()
		}
		if n == d.cfg.Batch && ctx.Err() == nil {
			continue
		}
		select {
		case <-ctx.Done():
			return nil
		case <-d.wake:
		case <-tick.C:
		}
	}
}

// claim takes the messages visible at now, hidden from other claims until
// now+lease, and hands each to its recipient's queue, in Seq order.
func (d *Dispatcher) claim(ctx context.Context, now time.Time, lease time.Duration) (int, error) {
	d.mu.Lock()
	if len(d.inflight) >= 10*d.cfg.Batch {
		d.mu.Unlock()
		return 0, nil // enough in hand; let the workers catch up
	}
	// What finished before this claim is gone from the store: only what
	// finishes while the claim runs can come back in its answer.
	clear(d.done)
	d.started++
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		d.finished++
		d.mu.Unlock()
	}()
	items, err := d.st.ClaimOutbox(ctx, now, lease, d.cfg.Batch)
	if err != nil {
		return 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, it := range items {
		if d.inflight[it.ID] {
			// Its lease ran out while it waited here (it is still ours), or
			// it was released while being parked.
			d.reclaimed[it.ID] = true
			continue
		}
		if d.done[it.ID] {
			continue // delivered and acknowledged while the claim ran
		}
		d.noteHoldLocked(it)
		d.inflight[it.ID] = true
		d.enqueueLocked(it)
		if !d.running[it.Recipient] {
			d.running[it.Recipient] = true
			d.wg.Add(1)
			go d.work(ctx, it.Recipient)
		}
	}
	return len(items), nil
}

// enqueueLocked puts a claimed message in its recipient's queue by Seq: a
// message released or given back goes before those queued after it, but
// never before the one being handled. d.mu must be held.
func (d *Dispatcher) enqueueLocked(it storage.OutboxItem) {
	q := d.queues[it.Recipient]
	first := 0
	if d.busy[it.Recipient] {
		first = 1
	}
	i := len(q)
	for i > first && q[i-1].Seq > it.Seq {
		i--
	}
	d.queues[it.Recipient] = slices.Insert(q, i, it)
}

// awaitClaim waits until a claim that starts after now has finished, and
// reports whether one did before the wait ran out: messages that became
// visible before now are then in their queues.
func (d *Dispatcher) awaitClaim(ctx context.Context, limit time.Duration) bool {
	d.mu.Lock()
	want := d.started + 1
	d.mu.Unlock()
	deadline := time.Now().Add(limit)
	for ctx.Err() == nil && time.Now().Before(deadline) {
		d.Wake()
		Sleep(ctx, 2*time.Millisecond)
		d.mu.Lock()
		done := d.finished >= want
		d.mu.Unlock()
		if done {
			return true
		}
	}
	return false
}

// work sends one recipient's messages in order.
func (d *Dispatcher) work(ctx context.Context, recipient string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[recipient]
		hold := d.holds[recipient]
		if len(q) == 0 || ctx.Err() != nil {
			d.stopLocked(recipient)
			d.mu.Unlock()
			d.giveBack(q, hold, "released at shutdown")
			return
		}
		it := q[0]
		d.busy[recipient] = true
		d.mu.Unlock()
		if wait := time.Until(hold); wait > 0 {
			if wait > d.cfg.Lease/2 {
				d.stop(recipient, hold, "waiting for the platform")
				return
			}
			d.setBusy(recipient, false)
			Sleep(ctx, wait)
			continue
		}
		switch d.behindParked(ctx, &it) {
		case releasedAhead:
			// The released messages come in the next claim and go before
			// this one; should no claim come (no longer leading), all go
			// back to the store, in order.
			d.setBusy(recipient, false)
			if !d.awaitClaim(ctx, d.cfg.Lease/2) {
				d.stop(recipient, time.Now(), "behind the released messages")
				return
			}
			d.sortQueue(recipient) // those claimed while this one was in hand too
			continue
		case parkedBehind:
			d.pop(recipient, it, false)
			continue
		}
		if o := d.deliver(ctx, &it); o != tryAgain {
			d.pop(recipient, it, o == finished)
			continue
		}
		d.mu.Lock()
		d.queues[recipient][0] = it // with its attempts counted
		d.busy[recipient] = false
		d.mu.Unlock()
	}
}

// pop removes the head of the recipient's queue. A finished message is
// remembered until the next claim, which may have read it before it was
// gone. A parked one is not: released meanwhile, it is due again, and
// when a claim already took it (and skipped it, as ours), it is shown
// again now rather than when that claim's lease runs out.
func (d *Dispatcher) pop(recipient string, it storage.OutboxItem, finished bool) {
	d.mu.Lock()
	d.queues[recipient] = d.queues[recipient][1:]
	d.busy[recipient] = false
	delete(d.inflight, it.ID)
	again := d.reclaimed[it.ID]
	delete(d.reclaimed, it.ID)
	if finished {
		d.done[it.ID] = true
	}
	d.mu.Unlock()
	if again && !finished {
		d.giveBack([]storage.OutboxItem{it}, time.Now(), "released while parked")
		d.Wake()
	}
}

// sortQueue puts the recipient's queue in Seq order.
func (d *Dispatcher) sortQueue(recipient string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	slices.SortStableFunc(d.queues[recipient], func(a, b storage.OutboxItem) int { return cmp.Compare(a.Seq, b.Seq) })
}

// setBusy marks whether the recipient's worker is handling its head.
func (d *Dispatcher) setBusy(recipient string, on bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.busy[recipient] = on
}

// stop ends the recipient's worker and gives its queue back to the store,
// hidden until at.
func (d *Dispatcher) stop(recipient string, at time.Time, why string) {
	d.mu.Lock()
	q := d.queues[recipient]
	d.stopLocked(recipient)
	d.mu.Unlock()
	d.giveBack(q, at, why)
}

// stopLocked ends a recipient's worker. d.mu must be held.
func (d *Dispatcher) stopLocked(recipient string) {
	for _, it := range d.queues[recipient] {
		delete(d.inflight, it.ID)
		delete(d.reclaimed, it.ID)
	}
	delete(d.queues, recipient)
	delete(d.running, recipient)
	delete(d.busy, recipient)
}

// giveBack returns claimed but unsent messages to the store, hidden until
// at (or visible now when at is past).
func (d *Dispatcher) giveBack(items []storage.OutboxItem, at time.Time, why string) {
	if len(items) == 0 {
		return
	}
	if now := time.Now(); at.Before(now) {
		at = now
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, it := range items {
		if err := d.st.RetryOutbox(ctx, it.ID, at, holdNote(why, at)); err != nil && !errors.Is(err, storage.ErrNotFound) {
			d.cfg.Log.Error("give back outbox", "outbox_id", it.ID, "err", err)
		}
	}
}

// forgetHolds drops holds that are over.
func (d *Dispatcher) forgetHolds() {
	d.mu.Lock()
	defer d.mu.Unlock()
	now := time.Now()
	for r, t := range d.holds {
		if t.Before(now) {
			delete(d.holds, r)
		}
	}
}

// Drain delivers every message that is due now, one after another, and
// returns how many it handled: for the console and for tests. A message
// that must wait is put back in the store, hidden until then, with the
// later messages of its recipient behind it.
func (d *Dispatcher) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		items, err := d.st.ClaimOutbox(ctx, time.Now(), d.cfg.Lease, d.cfg.Batch)
		if err != nil {
			return total, err
		}
		if len(items) == 0 {
			return total, nil
		}
	batch:
		for i, it := range items {
			switch d.behindParked(ctx, &it) {
			case releasedAhead:
				// The released messages come first in the next claim.
				d.giveBack(items[i:], time.Now(), "behind the released messages")
				break batch
			case parkedBehind:
				continue
			}
			d.mu.Lock()
			d.noteHoldLocked(it)
			hold := d.holds[it.Recipient]
			d.mu.Unlock()
			if hold.After(time.Now()) {
				d.giveBack([]storage.OutboxItem{it}, hold, "waiting for an earlier message")
				continue
			}
			if d.deliver(ctx, &it) == tryAgain {
				d.giveBack([]storage.OutboxItem{it}, d.holdOf(it.Recipient), "waiting for the platform")
			}
		}
		total += len(items)
	}
}

func (d *Dispatcher) holdOf(recipient string) time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.holds[recipient]
}

// Sleep waits for d, or until ctx is done, whichever comes first.
func Sleep(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
