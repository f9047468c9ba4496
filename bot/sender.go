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
	// Send delivers m to an account of the platform. Files are given with
	// their bytes. Errors are classified with RetryAfterError, ErrBlocked
	// and ErrPermanent; anything else is retried with backoff.
	Send(ctx context.Context, account string, m conversations.Message, files []File) error
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
	// ErrBlocked: the recipient blocked the bot or left; retrying will not help.
	ErrBlocked = errors.New("recipient blocked the bot")
	// ErrPermanent: the platform refused the message itself (bad request);
	// retrying will not help.
	ErrPermanent = errors.New("message refused")
	// ErrNoRoute: the recipient has no account on any enabled platform.
	ErrNoRoute = errors.New("no platform reaches the recipient")
)
