package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
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
}

// Decoder turns an outbox payload into a message; *conversations.Engine is one.
type Decoder interface {
	Decode(payload []byte) (conversations.Message, error)
}

// DispatcherConfig tunes delivery.
type DispatcherConfig struct {
	// Lease hides claimed messages from other replicas while they are sent.
	Lease time.Duration
	// Batch is how many messages are claimed at once.
	Batch int
	// Poll is how often the outbox is looked at when nothing wakes the dispatcher.
	Poll time.Duration
	// MaxAttempts drops a message after that many failed attempts.
	MaxAttempts int
	// OnBlocked is told when a recipient has blocked the bot.
	OnBlocked func(ctx context.Context, recipient string)
	Log       *slog.Logger
}

func (c *DispatcherConfig) defaults() {
	if c.Lease <= 0 {
		c.Lease = 5 * time.Minute
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
}

// Dispatcher delivers the outbox: each message at least once, in order per
// recipient, paced to each platform's limits, waiting as long as a platform
// asks (retry-after) and retrying failures with backoff.
type Dispatcher struct {
	st    OutboxStore
	dec   Decoder
	route *Router
	cfg   DispatcherConfig
	pace  *pacing
	wake  chan struct{}

	mu      sync.Mutex
	holds   map[string]time.Time // recipient -> nothing goes to it before this
	queues  map[string][]storage.OutboxItem
	running map[string]bool
	wg      sync.WaitGroup
}

// NewDispatcher delivers the store's outbox through the router.
func NewDispatcher(st OutboxStore, dec Decoder, route *Router, cfg DispatcherConfig) *Dispatcher {
	cfg.defaults()
	return &Dispatcher{
		st: st, dec: dec, route: route, cfg: cfg, pace: newPacing(),
		wake: make(chan struct{}, 1), holds: map[string]time.Time{},
		queues: map[string][]storage.OutboxItem{}, running: map[string]bool{},
	}
}

// Wake tells the dispatcher that new messages are waiting.
func (d *Dispatcher) Wake() {
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run delivers until ctx is done, then waits for the messages being sent.
func (d *Dispatcher) Run(ctx context.Context) error {
	tick := time.NewTicker(d.cfg.Poll)
	defer tick.Stop()
	defer d.wg.Wait()
	sweep := time.Now()
	for {
		n, err := d.claim(ctx)
		if err != nil && ctx.Err() == nil {
			d.cfg.Log.Error("claim outbox", "err", err)
		}
		if time.Since(sweep) > 10*time.Minute {
			d.pace.forget(10 * time.Minute)
			sweep = time.Now()
		}
		if n == d.cfg.Batch {
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

// claim takes due messages and hands each to its recipient's queue.
func (d *Dispatcher) claim(ctx context.Context) (int, error) {
	d.mu.Lock()
	queued := 0
	for _, q := range d.queues {
		queued += len(q)
	}
	d.mu.Unlock()
	if queued >= 10*d.cfg.Batch {
		return 0, nil // enough in hand; let the workers catch up
	}
	items, err := d.st.ClaimOutbox(ctx, time.Now(), d.cfg.Lease, d.cfg.Batch)
	if err != nil {
		return 0, err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, it := range items {
		d.queues[it.Recipient] = append(d.queues[it.Recipient], it)
		if !d.running[it.Recipient] {
			d.running[it.Recipient] = true
			d.wg.Add(1)
			go d.work(ctx, it.Recipient)
		}
	}
	return len(items), nil
}

// work sends one recipient's messages in order.
func (d *Dispatcher) work(ctx context.Context, recipient string) {
	defer d.wg.Done()
	for {
		d.mu.Lock()
		q := d.queues[recipient]
		if len(q) == 0 || ctx.Err() != nil {
			delete(d.queues, recipient)
			delete(d.running, recipient)
			d.mu.Unlock()
			d.release(q)
			return
		}
		it := q[0]
		d.queues[recipient] = q[1:]
		d.mu.Unlock()
		d.deliver(ctx, it)
	}
}

// release makes claimed but unsent messages available again at once.
func (d *Dispatcher) release(items []storage.OutboxItem) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for _, it := range items {
		_ = d.st.RetryOutbox(ctx, it.ID, time.Now(), "released at shutdown")
	}
}

// Drain delivers every message that is due now, one after another, and
// returns how many it handled: for the console and for tests.
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
		for _, it := range items {
			d.deliver(ctx, it)
		}
		total += len(items)
	}
}

// deliver sends one message and records the outcome in the outbox.
func (d *Dispatcher) deliver(ctx context.Context, it storage.OutboxItem) {
	log := d.cfg.Log.With("outbox_id", it.ID, "recipient", it.Recipient)
	now := time.Now()
	d.mu.Lock()
	hold := d.holds[it.Recipient]
	d.mu.Unlock()
	if hold.After(now) {
		d.retry(ctx, it, hold, "waiting for an earlier message", false)
		return
	}
	err := d.send(ctx, it)
	var ra *RetryAfterError
	switch {
	case err == nil:
		if err := d.st.AckOutbox(ctx, it.ID); err != nil {
			log.Error("ack outbox", "err", err)
		}
	case ctx.Err() != nil:
		d.retry(context.WithoutCancel(ctx), it, time.Now(), "interrupted", false)
	case errors.As(err, &ra):
		log.Warn("platform asks to wait", "retry_after", ra.After)
		d.retry(ctx, it, time.Now().Add(ra.After), err.Error(), true)
	case errors.Is(err, ErrBlocked):
		log.Warn("recipient blocked the bot", "err", err)
		d.drop(ctx, it)
		if d.cfg.OnBlocked != nil {
			d.cfg.OnBlocked(ctx, it.Recipient)
		}
	case errors.Is(err, ErrPermanent), errors.Is(err, ErrNoRoute), errors.Is(err, storage.ErrNotFound), errors.Is(err, errUndecodable):
		log.Error("message dropped", "err", err)
		d.drop(ctx, it)
	case it.Attempts+1 >= d.cfg.MaxAttempts:
		log.Error("message dropped after retries", "attempts", it.Attempts+1, "err", err)
		d.drop(ctx, it)
	default:
		wait := backoff(it.Attempts)
		log.Warn("send failed, will retry", "in", wait, "err", err)
		d.retry(ctx, it, time.Now().Add(wait), err.Error(), true)
	}
}

var errUndecodable = errors.New("undecodable payload")

// send resolves the recipient and the files and calls the platform.
func (d *Dispatcher) send(ctx context.Context, it storage.OutboxItem) error {
	m, err := d.dec.Decode(it.Payload)
	if err != nil {
		return fmt.Errorf("%w: %v", errUndecodable, err)
	}
	s, account, err := d.route.Route(ctx, it.Recipient)
	if err != nil {
		return err
	}
	var files []File
	for _, f := range m.Files {
		stored, err := d.st.File(ctx, f.ID)
		if err != nil {
			return fmt.Errorf("bot: file %s of %s: %w", f.ID, it.ID, err)
		}
		files = append(files, File{Name: f.Name, MIME: stored.MIME, Data: stored.Data, Photo: f.Photo})
	}
	if err := d.pace.wait(ctx, s, account); err != nil {
		return err
	}
	return s.Send(ctx, account, m, files)
}

// retry puts a message back for later; hold keeps the recipient's later
// messages behind it, so their order is kept.
func (d *Dispatcher) retry(ctx context.Context, it storage.OutboxItem, at time.Time, why string, hold bool) {
	if hold {
		d.mu.Lock()
		if at.After(d.holds[it.Recipient]) {
			d.holds[it.Recipient] = at
		}
		d.mu.Unlock()
	}
	if err := d.st.RetryOutbox(ctx, it.ID, at, why); err != nil && !errors.Is(err, storage.ErrNotFound) {
		d.cfg.Log.Error("retry outbox", "outbox_id", it.ID, "err", err)
	}
}

func (d *Dispatcher) drop(ctx context.Context, it storage.OutboxItem) {
	if err := d.st.AckOutbox(ctx, it.ID); err != nil {
		d.cfg.Log.Error("drop outbox", "outbox_id", it.ID, "err", err)
	}
}

// backoff grows from 1 s to 5 min with jitter.
func backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 9)
	d = min(d, 5*time.Minute)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
