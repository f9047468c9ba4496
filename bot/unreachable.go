package bot

import (
	"context"
	"log/slog"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// park keeps a message that no platform could deliver until its recipient
// is seen, and tells Unreachable about the recipient once. It reports
// tryAgain when the message could not be parked.
func (d *Dispatcher) park(ctx context.Context, it *storage.OutboxItem, m conversations.Message, why error) outcome {
	log := d.cfg.Log.With("outbox_id", it.ID, "recipient", it.Recipient)
	if err := d.cfg.Parking.Park(ctx, it.Recipient, it.ID); err != nil {
		log.Error("park message", "err", err)
		d.retry(ctx, it, err)
		return tryAgain
	}
	log.Warn("recipient unreachable; message waits until they write to the bot", "err", why)
	d.mu.Lock()
	first := !d.blocked[it.Recipient]
	d.blocked[it.Recipient] = true
	d.mu.Unlock()
	if first && d.cfg.Unreachable != nil {
		d.cfg.Unreachable(ctx, it.Recipient, m)
	}
	return parked
}

// behind is what becomes of a message whose recipient had, or has,
// parked messages.
type behind int

const (
	sendNow       behind = iota // nothing waits ahead of it
	parkedBehind                // parked after the waiting ones
	releasedAhead               // the waiting ones were just released: they go first
)

// behindParked parks the message when its recipient has parked messages.
// When the recipient had some a moment ago and they have been released
// meanwhile (they wrote to the bot), the released ones are back in the
// store while this one is already in hand: it must go back too, behind
// them, rather than overtake them. When that cannot be known, it is sent.
func (d *Dispatcher) behindParked(ctx context.Context, it *storage.OutboxItem) behind {
	d.mu.Lock()
	blocked := d.blocked[it.Recipient]
	d.mu.Unlock()
	if !blocked && !d.cfg.Parking.Waiting(ctx, it.Recipient) {
		return sendNow
	}
	parked, err := d.cfg.Parking.ParkBehind(ctx, it.Recipient, it.ID)
	switch {
	case err != nil:
		d.cfg.Log.Warn("park behind the waiting messages", "outbox_id", it.ID, "recipient", it.Recipient, "err", err)
		return sendNow
	case parked:
		d.cfg.Log.Debug("message waits behind the parked ones", "outbox_id", it.ID, "recipient", it.Recipient)
		return parkedBehind
	}
	d.mu.Lock()
	delete(d.blocked, it.Recipient)
	d.mu.Unlock()
	d.cfg.Log.Debug("parked messages were released; this one goes back behind them", "outbox_id", it.ID, "recipient", it.Recipient)
	return releasedAhead
}

// reached notes that a message reached the recipient: Unreachable may be
// told about them again, and what was parked for them goes out now.
func (d *Dispatcher) reached(ctx context.Context, recipient string) {
	d.mu.Lock()
	delete(d.blocked, recipient)
	d.mu.Unlock()
	if d.cfg.Reached != nil {
		d.cfg.Reached(ctx, recipient)
	}
	if !d.cfg.Parking.Waiting(ctx, recipient) {
		return
	}
	if n, err := d.cfg.Parking.Release(ctx, recipient); err != nil {
		d.cfg.Log.Error("release parked messages", "recipient", recipient, "err", err)
	} else if n > 0 {
		d.cfg.Log.Info("recipient reached again; parked messages go out", "recipient", recipient, "messages", n)
		d.Wake()
	}
}

// Releasing is a Handler that, before an event is applied, shows again the
// parked messages of whoever sent it: they just wrote to the bot, so a
// platform reaches them. Released first, those messages go out before the
// answer to the event, in the order they were queued.
type Releasing struct {
	h      Handler
	park   *Parking
	people AccountFinder
	log    *slog.Logger
}

// AccountFinder finds the person behind a platform account; the engine
// serves it from its cached directory.
type AccountFinder interface {
	PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error)
}

// NewReleasing releases through p the parked messages of the people whose
// events h applies.
func NewReleasing(h Handler, p *Parking, people AccountFinder, log *slog.Logger) *Releasing {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Releasing{h: h, park: p, people: people, log: log}
}

// Handle releases what waited for ev's sender, then applies ev.
func (r *Releasing) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	if ev.Platform != "" && ev.Account != "" {
		who := []string{ev.Platform + ":" + ev.Account}
		if ev.Person != "" {
			who = append(who, ev.Person)
		} else if p, err := r.people.PersonByAccount(ctx, ev.Platform, ev.Account); err == nil {
			who = append(who, p.ID)
		}
		for _, w := range who {
			r.release(ctx, w)
		}
	}
	return r.h.Handle(ctx, ev)
}

// release shows the recipient's parked messages, if any.
func (r *Releasing) release(ctx context.Context, recipient string) {
	if !r.park.Waiting(ctx, recipient) {
		return
	}
	if n, err := r.park.Release(ctx, recipient); err != nil {
		r.log.Error("release parked messages", "recipient", recipient, "err", err)
	} else if n > 0 {
		r.log.Info("recipient wrote; parked messages go out", "recipient", recipient, "messages", n)
	}
}
