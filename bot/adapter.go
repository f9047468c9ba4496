package bot

import (
	"context"
	"net/http"
)

// Adapter is a chat platform (Telegram, Slack): it delivers the outbox's
// messages at the platform's pace, and receives its people's updates and
// submits them to the intake.
type Adapter interface {
	Sender
	Pacer
	// Connect reaches the platform and checks the bot's credentials
	// (Telegram's getMe, Slack's auth.test). Run is called only once it
	// succeeded; Platforms tries it again with backoff while it fails.
	Connect(ctx context.Context) error
	// Run receives updates until ctx is done and submits each to in; it
	// returns once the updates it accepted were handled.
	Run(ctx context.Context, in *Intake) error
	// Webhooks are the HTTP handlers, by http.ServeMux pattern, through
	// which the platform delivers updates to in; none when it delivers them
	// otherwise (long polling, a socket).
	Webhooks(in *Intake) map[string]http.Handler
}
