package bot

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

var errUndecodable = errors.New("undecodable payload")

// outcome is what became of a message handed to deliver.
type outcome int

const (
	tryAgain outcome = iota // to be tried again after the recipient's hold, which is set
	finished                // delivered, or dropped with a log line: gone from the store
	parked                  // hidden until its recipient is seen: it may come back
)

// deliver sends one message and records the outcome; behindParked has
// been asked first.
func (d *Dispatcher) deliver(ctx context.Context, it *storage.OutboxItem) outcome {
	log := d.cfg.Log.With("outbox_id", it.ID, "recipient", it.Recipient)
	m, err := d.decode(ctx, it)
	platform := ""
	if err == nil {
		platform, err = d.send(ctx, it, m)
	}
	obs := d.cfg.Observe
	// What happened is recorded even while stopping: an unrecorded delivery
	// would be sent again by the next process.
	stopping := ctx.Err() != nil
	ctx = context.WithoutCancel(ctx)
	var ra *RetryAfterError
	switch {
	case err == nil:
		obs.Sent(platform, time.Since(it.Created))
		if err := d.ack(ctx, it); err != nil {
			log.Error("ack outbox", "err", err)
		}
		d.reached(ctx, it.Recipient)
		return finished
	case errors.As(err, &ra):
		// Not counted as an attempt: the platform only asks to wait. Checked
		// before shutdown, so a wait answered as we stop is still handed on.
		log.Warn("platform asks to wait", "retry_after", ra.After)
		obs.Failed(platform, "retry_after")
		d.hold(it.Recipient, time.Now().Add(ra.After))
		return tryAgain
	case errors.Is(err, ErrPlatformDown):
		// Not counted either: the message waits for its platform.
		log.Debug("platform down, message waits", "err", err)
		obs.Failed(platform, "platform_down")
		d.hold(it.Recipient, time.Now().Add(platformDownWait))
		return tryAgain
	case stopping:
		return tryAgain
	case errors.Is(err, ErrBlocked):
		obs.Failed(platform, "unreachable")
		return d.park(ctx, it, m, err)
	default:
		if why := d.dropReason(it, err); why != "" {
			d.drop(ctx, it, m, why, err)
			return finished
		}
		obs.Failed(platform, "error")
		d.retry(ctx, it, err)
		return tryAgain
	}
}

// dropReason tells why a message that failed is given up, or "" when it
// is worth another attempt.
func (d *Dispatcher) dropReason(it *storage.OutboxItem, err error) string {
	switch {
	case errors.Is(err, ErrPermanent):
		return "refused"
	case errors.Is(err, ErrNoRoute):
		return "no_route"
	case errors.Is(err, storage.ErrNotFound):
		return "missing"
	case errors.Is(err, errUndecodable):
		return "undecodable"
	case errors.Is(err, conversations.ErrSecretLost):
		return "secret_lost"
	case it.Attempts+1 >= d.cfg.MaxAttempts:
		return "retries"
	}
	return ""
}

// retry counts a failed attempt and holds the recipient for a backoff.
func (d *Dispatcher) retry(ctx context.Context, it *storage.OutboxItem, err error) {
	wait := backoff(it.Attempts)
	d.cfg.Log.Warn("send failed, will retry", "outbox_id", it.ID, "recipient", it.Recipient,
		"in", wait, "attempt", it.Attempts+1, "err", err)
	at := time.Now().Add(wait)
	d.hold(it.Recipient, at)
	// Count the attempt and keep the message hidden from other claims
	// for as long as this worker holds it.
	if err := d.st.RetryOutbox(ctx, it.ID, at.Add(d.cfg.Lease), err.Error()); err != nil && !errors.Is(err, storage.ErrNotFound) {
		d.cfg.Log.Error("retry outbox", "outbox_id", it.ID, "err", err)
	}
	it.Attempts++
}

// hold keeps everything for the recipient back until at.
func (d *Dispatcher) hold(recipient string, at time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if at.After(d.holds[recipient]) {
		d.holds[recipient] = at
	}
}

// decode turns the item's payload into its message.
func (d *Dispatcher) decode(ctx context.Context, it *storage.OutboxItem) (conversations.Message, error) {
	m, err := d.dec.Decode(ctx, it.Payload)
	if errors.Is(err, storage.ErrInvalid) {
		return m, fmt.Errorf("%w: %w", errUndecodable, err)
	}
	return m, err
}

// send routes the message and calls the platform; when that platform
// cannot reach the recipient, their other platform is tried. It returns
// the platform it used last ("" when none).
func (d *Dispatcher) send(ctx context.Context, it *storage.OutboxItem, m conversations.Message) (string, error) {
	if m.TakeBack != "" {
		return d.takeBack(ctx, it, m)
	}
	s, account, err := d.route.Route(ctx, it.Recipient)
	if err != nil {
		return "", err
	}
	err = d.sendVia(ctx, it, m, s, account)
	if !errors.Is(err, ErrBlocked) || ctx.Err() != nil {
		return s.Platform(), err
	}
	other, acct, rerr := d.route.Other(ctx, it.Recipient, s.Platform())
	if rerr != nil {
		return s.Platform(), err
	}
	d.cfg.Log.Warn("recipient unreachable, trying their other platform", "outbox_id", it.ID, "recipient", it.Recipient,
		"from", s.Platform(), "to", other.Platform(), "err", err)
	// A pressed message of the first platform cannot be edited on the
	// other, and the calls made there do not count here.
	m.Edit = ""
	it.Sent = 0
	return other.Platform(), d.sendVia(ctx, it, m, other, acct)
}

// sendVia delivers m to account through s.
func (d *Dispatcher) sendVia(ctx context.Context, it *storage.OutboxItem, m conversations.Message, s Sender, account string) error {
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
	// Once paced, the call is not cut short by a shutdown: its answer (a
	// delivery, or a retry-after to honour) must be known and recorded.
	sendCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	defer cancel()
	dl := &Delivery{
		Account: account, Message: m, Files: files, Done: it.Sent,
		progress: func(ctx context.Context, done int) { d.progress(ctx, it, done) },
		pace:     func(ctx context.Context) error { return d.pace.wait(ctx, s, account) },
	}
	if err := s.Send(sendCtx, dl); err != nil {
		return err
	}
	d.keepSecretRefs(sendCtx, it, m, s.Platform(), account, dl.Refs)
	return nil
}

// progress records how far a delivery in several platform calls got: on
// the item, for this worker's next attempt, and in the store, for the next
// process's after a restart.
func (d *Dispatcher) progress(ctx context.Context, it *storage.OutboxItem, done int) {
	it.Sent = done
	if err := d.st.ProgressOutbox(ctx, it.ID, done); err != nil {
		d.cfg.Log.Warn("record delivery progress", "outbox_id", it.ID, "sent", done, "err", err)
	}
}

// platformDownWait is how long a message whose platform is down waits
// before it is routed again.
const platformDownWait = 2 * time.Second

// sendTimeout bounds one delivery, all its parts included.
const sendTimeout = 30 * time.Second

// drop gives a message up: logged, counted by why, and removed. A ticket's
// secret given up is told to SecretUndelivered, so that the ticket does
// not wait for it for good.
func (d *Dispatcher) drop(ctx context.Context, it *storage.OutboxItem, m conversations.Message, why string, err error) {
	d.cfg.Log.Error("message dropped", "why", why, "outbox_id", it.ID, "recipient", it.Recipient, "err", err)
	d.cfg.Observe.Dropped(why)
	if err := d.ack(ctx, it); err != nil {
		d.cfg.Log.Error("drop outbox", "outbox_id", it.ID, "err", err)
	}
	if m.Secret && m.Folio != "" && d.cfg.SecretUndelivered != nil {
		d.cfg.SecretUndelivered(ctx, it.Recipient, m.Folio)
	}
}

// ack removes a message that is done with from the outbox. An ack that
// fails (the store restarting) is tried again for a few seconds while the
// recipient's next messages wait: a message left in the outbox would be
// sent again when its lease ends, after them.
func (d *Dispatcher) ack(ctx context.Context, it *storage.OutboxItem) error {
	for wait := 50 * time.Millisecond; ; wait *= 2 {
		err := d.acks.ack(ctx, it.ID)
		if err == nil || wait > 2*time.Second {
			return err
		}
		Sleep(ctx, wait)
	}
}

// backoff grows from 1 s to 5 min with jitter.
func backoff(attempts int) time.Duration {
	d := time.Second << min(attempts, 9)
	d = min(d, 5*time.Minute)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
