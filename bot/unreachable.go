package bot

import (
	"context"
	"log/slog"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// park keeps a message that no platform could deliver until its recipient
// is seen, and tells Unreachable about the recipient once. It reports
// false (try again later) when the message could not be parked.
func (d *Dispatcher) park(ctx context.Context, it *storage.OutboxItem, m conversations.Message, why error) bool {
	log := d.cfg.Log.With("outbox_id", it.ID, "recipient", it.Recipient)
	if err := d.cfg.Parking.Park(ctx, it.Recipient, it.ID); err != nil {
		log.Error("park message", "err", err)
		d.retry(ctx, it, err)
		return false
	}
	log.Warn("recipient unreachable; message waits until they write to the bot", "err", why)
	d.mu.Lock()
	first := !d.blocked[it.Recipient]
	d.blocked[it.Recipient] = true
	d.mu.Unlock()
	if first && d.cfg.Unreachable != nil {
		d.cfg.Unreachable(ctx, it.Recipient, m)
	}
	return true
}

// behindParked parks the message when its recipient has parked messages,
// and reports whether it did: it goes out after them, in its order, when
// they are released. When that cannot be known, the message is sent.
func (d *Dispatcher) behindParked(ctx context.Context, it *storage.OutboxItem) bool {
	if !d.cfg.Parking.Waiting(ctx, it.Recipient) {
		return false
	}
	parked, err := d.cfg.Parking.ParkBehind(ctx, it.Recipient, it.ID)
	if err != nil {
		d.cfg.Log.Warn("park behind the waiting messages", "outbox_id", it.ID, "recipient", it.Recipient, "err", err)
		return false
	}
	if parked {
		d.cfg.Log.Debug("message waits behind the parked ones", "outbox_id", it.ID, "recipient", it.Recipient)
	}
	return parked
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
