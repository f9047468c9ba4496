package bot

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ctdesk/conversations"
)

// Sender delivers messages on one platform.
type Sender interface {
	// Platform names the platform ("telegram", "slack", "console").
	Platform() string
	// Send delivers d.Message to d.Account. A message that takes several
	// platform calls (files, a long text in parts) starts after the d.Done
	// calls that earlier attempts made, reports each further call to
	// d.Progress and, when the platform limits the pace, waits with d.Pace
	// before each call of the attempt after its first. Errors are classified
	// with RetryAfterError, ErrBlocked and ErrPermanent; anything else is
	// retried with backoff.
	Send(ctx context.Context, d *Delivery) error
}

// Delivery is one attempt to deliver a message to an account.
type Delivery struct {
	Account string
	Message conversations.Message
	// Files are the message's attachments, with their bytes.
	Files []File
	// Done is how many of the message's platform calls earlier attempts
	// made, in this process or before a restart: Send does not repeat them.
	Done int
	// Refs are the references of the platform messages the attempt
	// created (as Message.Edit takes them), added by Send: the outbox
	// keeps those of a secret, to delete it later.
	Refs []string

	progress func(ctx context.Context, done int)
	pace     func(ctx context.Context) error
}

// Progress records that the first done platform calls of the message were
// made (Done becomes done), so that no later attempt makes them again. A
// sender calls it before each call of an attempt after its first (the last
// call is recorded by the delivery's end).
func (d *Delivery) Progress(ctx context.Context, done int) {
	d.Done = done
	if d.progress != nil {
		d.progress(ctx, done)
	}
}

// Pace waits until one more call may go to the chat; outside the
// dispatcher it returns at once.
func (d *Delivery) Pace(ctx context.Context) error {
	if d.pace == nil {
		return nil
	}
	return d.pace(ctx)
}

// Deleter is a Sender that can delete a message it sent, by the
// reference Send gave (Delivery.Refs). A message the platform no longer
// lets delete (too old, already gone) is ErrPermanent.
type Deleter interface {
	Delete(ctx context.Context, ref string) error
}

// File is an outgoing attachment with its bytes.
type File struct {
	Name  string
	MIME  string
	Data  []byte
	Photo bool
}

// RetryAfterError is the platform asking to wait (Telegram 429
// retry_after, Slack Retry-After) before anything else goes to that chat.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
}

func (e *RetryAfterError) Unwrap() error { return e.Err }

var (
	// ErrBlocked: the platform cannot reach the recipient: they blocked the
	// bot, never opened a chat with it, or left. Retrying will not help
	// until they write to the bot; another platform of theirs may.
	ErrBlocked = errors.New("recipient cannot be reached")
	// ErrPermanent: the platform refused the message itself (bad request);
	// retrying will not help.
	ErrPermanent = errors.New("message refused")
	// ErrNoRoute: the recipient has no account on any enabled platform.
	ErrNoRoute = errors.New("no platform reaches the recipient")
)
