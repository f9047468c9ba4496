// Package chat is what people and ctdesk say to each other, whatever the
// platform: the messages ctdesk sends (text, buttons, files) and the files
// people send. The engine, the procedures and CT's commands speak it; the
// bot adapters render it.
package chat

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
	// Folio names the ticket a secret belongs to: when the secret cannot
	// be delivered, the ticket's técnico is offered a new one.
	Folio string `json:"fo,omitempty"`
	// TakeBack, when set, names a ticket whose secrets delivered to the
	// recipient are deleted from their chats, each replaced with Text,
	// instead of sending Text.
	TakeBack string `json:"tb,omitempty"`
}

// OutFile is a stored file to send as a document or photo.
type OutFile struct {
	ID    string `json:"id"`
	Name  string `json:"n"`
	Photo bool   `json:"p,omitempty"`
}

// Rows puts buttons in rows of n.
func Rows(bs []Button, n int) [][]Button {
	var out [][]Button
	for len(bs) > 0 {
		k := min(n, len(bs))
		out = append(out, bs[:k])
		bs = bs[k:]
	}
	return out
}
