package bot

import (
	"context"
	"fmt"
	"time"

	"ctdesk/conversations"
)

// Handler applies an event and returns what came of it;
// *conversations.Engine is one, and the intake wraps one.
type Handler interface {
	Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error)
}

// Update is one thing a person did on a platform, as its adapter hands it
// to the intake: how to make the event, and how to answer the platform.
type Update struct {
	// Key orders updates: those with the same key are handled one after
	// another, in the order they were submitted. Adapters use the sender's
	// "platform:account".
	Key string
	// ID names the update in errors.
	ID string
	// Event makes the event, downloading its files if it has any; ok is
	// false when the update has nothing for the engine (a sticker, a press
	// of a button without code, a file that cannot be downloaded sent
	// without text), and Answer is then called with no notice.
	Event func(ctx context.Context) (ev conversations.Event, ok bool, err error)
	// Answer, when set, answers a button press on the platform with the
	// engine's notice ("" for none) once the event is applied. It is not
	// called for a redelivered update: that was answered the first time.
	Answer func(ctx context.Context, notice string)
	// Done, when set, is told how the update ended: nil once it is applied
	// (or recognised as a duplicate, or had nothing to apply), else why not.
	// It runs before the next update with the same key starts.
	Done func(err error)
	// Timeout, when set, bounds the handling from the moment it starts.
	Timeout time.Duration
}

// Intake is where the updates of every platform enter: it applies them so
// that the updates of one person are handled in order and never two at
// once, while different people proceed in parallel, and wakes the outbox
// when an update produced messages. Redelivered updates are recognised by
// the engine's commit.
type Intake struct {
	h     Handler
	wake  func()
	lanes lanes
}

// NewIntake hands updates to h; wake (may be nil) is called after an
// update produced messages, so the outbox dispatcher looks at them at once.
func NewIntake(h Handler, wake func()) *Intake {
	return &Intake{h: h, wake: wake}
}

// Submit queues u behind the earlier updates with the same key and returns
// at once; u.Done is told the outcome. The handling runs with ctx: an update
// whose ctx is done before its turn is not applied.
func (in *Intake) Submit(ctx context.Context, u Update) {
	in.lanes.add(u.Key, func() {
		_, err := in.apply(ctx, u)
		if u.Done != nil {
			u.Done(err)
		}
	})
}

// Apply handles u after the earlier updates with the same key and returns
// the outcome (u.Done, when set, is told too).
func (in *Intake) Apply(ctx context.Context, u Update) error {
	var err error
	in.lanes.do(u.Key, func() {
		_, err = in.apply(ctx, u)
		if u.Done != nil {
			u.Done(err)
		}
	})
	return err
}

// Handle applies ev after any earlier update of the same person and
// returns what came of it, for callers that wait (the console).
func (in *Intake) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	key := ev.Platform + ":" + ev.Account
	if ev.Person != "" {
		key = ev.Person
	}
	u := Update{ID: ev.ID, Event: func(context.Context) (conversations.Event, bool, error) { return ev, true, nil }}
	var res conversations.Result
	var err error
	in.lanes.do(key, func() { res, err = in.apply(ctx, u) })
	return res, err
}

// apply makes the event, applies it, answers the platform and wakes the outbox.
func (in *Intake) apply(ctx context.Context, u Update) (conversations.Result, error) {
	if u.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, u.Timeout)
		defer cancel()
	}
	if err := ctx.Err(); err != nil {
		return conversations.Result{}, err
	}
	ev, ok, err := u.Event(ctx)
	if err != nil {
		return conversations.Result{}, fmt.Errorf("bot: update %s: %w", u.ID, err)
	}
	if !ok {
		if u.Answer != nil {
			u.Answer(ctx, "")
		}
		return conversations.Result{}, nil
	}
	res, err := in.h.Handle(ctx, ev)
	if err != nil {
		return res, fmt.Errorf("bot: apply %s: %w", u.ID, err)
	}
	if u.Answer != nil && !res.Duplicate {
		u.Answer(ctx, res.Notice)
	}
	if len(res.Messages) > 0 && in.wake != nil {
		in.wake()
	}
	return res, nil
}
