package storage

import "time"

// Change is everything one event changes, committed atomically or not at all:
// dialogs, tickets, people, bitácora entries, outbox messages and the marker
// of the update that caused it.
type Change struct {
	// Seen, when set, marks the update as handled for SeenTTL; the commit
	// fails with ErrDuplicate if it was already marked, and then writes nothing.
	Seen    string
	SeenTTL time.Duration
	// Mark, when its Stream is set, recognises a redelivered update by its
	// number instead of by a marker of its own: the commit fails with
	// ErrDuplicate, and writes nothing, if the stream holds a live mark of
	// the same or a higher number; otherwise the mark becomes Mark.N. One
	// mark per stream, however many updates it carries.
	Mark UpdateMark

	// FolioToken, in a change that creates a ticket, stands for the folio the
	// store assigns to it: every occurrence in the change's log entries (Folio
	// and Detail), dialog data and outbox payloads is replaced by the folio,
	// atomically with its allocation, so messages can name a folio that does
	// not exist yet. The caller picks it with NewFolioToken, so text people
	// typed is never rewritten; empty replaces nothing.
	FolioToken string

	Dialogs []DialogWrite
	Tickets []TicketWrite
	People  []Person // upserts, no version check
	Log     []LogEntry
	Outbox  []OutboxItem
}

// DialogWrite saves (or deletes) a dialog if its stored version still equals
// Expect (0: the dialog must not exist, or must have expired). The stored
// version becomes Expect+1 and the dialog expires after TTL without writes.
type DialogWrite struct {
	Dialog Dialog
	Expect int64
	TTL    time.Duration
	Delete bool
}

// TicketWrite stores a ticket if its stored version still equals Expect.
// A ticket with an empty Folio is new (Expect must be 0): the store assigns
// the next folio of the year of Ticket.Created (CT-YYYY-NNNN, gap-free) and
// replaces the change's FolioToken throughout it. At most one new ticket per change.
// The stored version becomes Expect+1.
type TicketWrite struct {
	Ticket Ticket
	Expect int64
}

// UpdateMark is an update's number in a stream whose numbers only grow, such
// as a Telegram sender's update ids (Telegram orders one sender's updates).
type UpdateMark struct {
	// Stream names the sender; stores may keep the mark with the dialog of
	// the same name (DialogWrite.Dialog.Person), which a commit then
	// writes in one place.
	Stream string
	N      int64
	// TTL is how long the mark counts after its commit (at least as long
	// as the platform redelivers). A stale mark recognises nothing, so
	// numbers that restart lower after a quiet spell are applied.
	TTL time.Duration
}

// Committed reports what the store assigned during a commit.
type Committed struct {
	Folio string // folio of the new ticket, if the change created one
}

// Empty reports whether the change writes nothing.
func (c *Change) Empty() bool {
	return c.Seen == "" && c.Mark.Stream == "" && len(c.Dialogs) == 0 && len(c.Tickets) == 0 &&
		len(c.People) == 0 && len(c.Log) == 0 && len(c.Outbox) == 0
}
