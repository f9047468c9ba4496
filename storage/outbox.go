package storage

import "time"

// OutboxItem is a message waiting to be delivered. It is stored in the same
// commit as the change that caused it, and removed only after delivery.
type OutboxItem struct {
	// ID is unique and chosen by the caller, deterministic for the event that
	// produced it, so a retried event cannot enqueue the same message twice.
	ID        string    `json:"id"`
	Seq       int64     `json:"seq"`       // assigned by the store; delivery order
	Recipient string    `json:"recipient"` // person id (or "platform:account" for unknown users)
	Payload   []byte    `json:"payload"`   // encoded message, opaque to the store
	Created   time.Time `json:"created"`
	NotBefore time.Time `json:"not_before,omitzero"` // not delivered before this time
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error,omitempty"`
	// Sent is how many of the item's platform calls (the parts of a long
	// text, its files) earlier attempts made, so that a later attempt, in
	// this process or after a restart, goes on from there.
	Sent int `json:"sent,omitempty"`
}
