package workflow

import (
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// Action is a transition of a service's state machine. The button that
// triggers it is labelled "<service>.act.<id>" (falling back to "act.<id>").
type Action struct {
	ID   string
	From []string
	// To is the resulting status; Do may choose another one.
	To string
	// Who may take it: roles on the ticket (see package policy).
	Who policy.Actor
	// Input is asked for after the button is pressed and before the action
	// applies: a short sequence of questions (see inputs.go).
	Input []Field
	// Approval records a visto bueno of that kind ("supervisor", "autoridad");
	// Reject marks the refusing action of the pair.
	Approval string
	Reject   bool
	// Assign makes the person who acts the ticket's assignee.
	Assign bool
	// Sign records a signature with this meaning in the ticket and the bitácora.
	Sign string
	// Counter is incremented on the ticket each time the action applies.
	Counter string
	// Do runs the service-specific effects (it may change the target status).
	Do func(a *ActionCtx) error
	// Hidden actions are not offered with the status message; the ticket's
	// view (/ver) still offers them to whoever may take them.
	Hidden bool
	// When, if set, allows the action only for tickets it returns true for
	// (e.g. only for the maintenance kind of a request).
	When func(tk *storage.Ticket) bool
	// Deliver sends the files given as input with the news, to everyone told
	// of it but the sender (drafts to the requester, documents to the técnico).
	Deliver bool
	// Confirms marks the requester's conformity with what CT delivered: a
	// ticket it closes counts as fulfilled when it was delivered (when it
	// entered the status the action starts from), not when the requester
	// answered.
	Confirms bool
}

// Allows reports whether the action may start from status.
func (a *Action) Allows(status string) bool {
	for _, f := range a.From {
		if f == status {
			return true
		}
	}
	return false
}

// Can reports whether the action may apply to the ticket as it is now.
func (a *Action) Can(tk *storage.Ticket) bool {
	return a.Allows(tk.Status) && (a.When == nil || a.When(tk))
}

// ActionCtx is what a service's Do sees when one of its actions applies.
type ActionCtx struct {
	Effects
	// Ticket is the ticket being changed; Do may change it.
	Ticket *storage.Ticket
	// By is who acts.
	By storage.Person
	// Text, Date and Files are the action's input, if it asked for one.
	Text  string
	Date  time.Time
	Files []storage.Attachment
	// To is the status the ticket moves to; Do may change it.
	To string
	// Note goes into the history line and the bitácora.
	Note string
	// Variant, when Do sets it, picks another wording of what people are
	// told ("<service>.did.<action>.<variant>"): the same step said for a
	// different case (a design delivered without its source files).
	Variant string
}

// Effects is what a service's Do may make happen besides changing the
// ticket: the engine provides it.
type Effects interface {
	// Password returns a new temporary password.
	Password() string
	// TellSecret sends a message, in the reader's language, that is sealed
	// in the outbox and never logged.
	TellSecret(to string, buttons [][]chat.Button, key string, args ...any)
	// TakeBack deletes from to's chats the ticket's secrets delivered to
	// them, each replaced with a note of when it was handed out.
	TakeBack(to string, handedOut time.Time)
	// Record appends a bitácora entry about the ticket.
	Record(action, detail string)
	// ButtonFor builds the button of another action of the ticket, valid at
	// the history step the ticket will have after this action.
	ButtonFor(to, action string) chat.Button
	// FindPerson finds an active person of the directory by e-mail, or
	// else by full name, written however accented or capitalised.
	FindPerson(email, name string) (storage.Person, bool)
}

// LastFiles returns the files the action sent the last time it applied.
func LastFiles(tk *storage.Ticket, action string) []storage.Attachment {
	var out []storage.Attachment
	for _, f := range tk.Attachments {
		if f.Step != action {
			continue
		}
		if len(out) > 0 && f.At.After(out[0].At) {
			out = out[:0]
		}
		out = append(out, f)
	}
	return out
}
