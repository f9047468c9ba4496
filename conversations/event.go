package conversations

import "time"

// Event is something a person did in chat.
type Event struct {
	// ID identifies the platform update; a redelivered update has the same
	// ID and is applied once.
	ID string
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

// IncomingFile is a file a person sent, already downloaded by the adapter.
type IncomingFile struct {
	Name  string
	MIME  string
	Data  []byte
	Photo bool
	// TooBig is set by an adapter that could not download the file because
	// of the platform's size limits; Data is then empty.
	TooBig bool
}

// Button is an action offered under a message.
type Button struct {
	Label string `json:"l"`
	// Code is at most 64 bytes; it names what to do, never who may do it.
	Code string `json:"c"`
}

// Message is something to tell a person.
type Message struct {
	ID string `json:"id"` // outbox id, unique and deterministic per event
	To string `json:"to"` // person id, or "platform:account" for an unregistered user
	// Text is plain text; adapters escape it for their markup.
	Text    string     `json:"t"`
	Buttons [][]Button `json:"b,omitempty"`
	// Files are attachments to send with the message, by file id.
	Files []OutFile `json:"f,omitempty"`
	// Edit, when set, replaces the text of that earlier platform message and
	// removes its buttons instead of sending a new one.
	Edit string `json:"e,omitempty"`
	// Secret marks text that must never be stored in clear or logged (a
	// temporary password); it is sealed in the outbox.
	Secret bool `json:"s,omitempty"`
}

// OutFile is a stored file to send as a document or photo.
type OutFile struct {
	ID    string `json:"id"`
	Name  string `json:"n"`
	Photo bool   `json:"p,omitempty"`
}

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
