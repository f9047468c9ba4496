package conversations

import (
	"time"

	"ctdesk/conversations/chat"
)

// Event is something a person did in chat.
type Event struct {
	// ID identifies the platform update; a redelivered update has the same
	// ID and is applied once.
	ID string
	// Seq, when positive, is the update's number among its sender's, which
	// only grow (Telegram's update_id): the commit keeps the sender's
	// highest instead of a marker per update, so redeliveries are
	// recognised at a cost that does not grow with traffic.
	Seq int64
	// Remember is how long an update without Seq is recognised by its ID
	// when redelivered; 0 is 72 hours. Slack retries within minutes.
	Remember time.Duration
	// Platform and Account say where it came from ("telegram", "1001").
	Platform string
	Account  string
	// Person is the directory id when the adapter already knows it.
	Person string
	Text   string
	// Button is the code of a pressed button (see Button.Code).
	Button string
	// Pressed refers to the platform message the button was on, so it can be
	// edited to show the decision and lose its buttons.
	Pressed string
	Files   []IncomingFile
	At      time.Time
	// Name is the display name the platform gives, used for registrations.
	Name string
}

// The chat vocabulary (package chat), under the names the adapters use.
type (
	// IncomingFile is a file a person sent, already downloaded by the adapter.
	IncomingFile = chat.IncomingFile
	// Button is an action offered under a message.
	Button = chat.Button
	// Message is something to tell a person.
	Message = chat.Message
	// OutFile is a stored file to send as a document or photo.
	OutFile = chat.OutFile
)

// Result is what handling an event produced.
type Result struct {
	// Messages were committed to the outbox.
	Messages []Message
	// Notice answers a button press (a short toast), "" for none.
	Notice string
	// Duplicate is set when the event had been handled before.
	Duplicate bool
	// Refused is set when the event was a press by someone who may not
	// press that button (written to the bitácora as such).
	Refused bool
	// Person is who the event came from ("" when unknown).
	Person string
}
