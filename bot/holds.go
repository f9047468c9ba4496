package bot

import (
	"strings"
	"time"

	"ctdesk/storage"
)

// holdMark ends the note of a message given back to the store while its
// recipient must wait (a retry_after), with the end of the wait: a
// dispatcher that claims it early (a new leader's look ahead) keeps the
// wait instead of sending inside it.
const holdMark = " until "

// holdNote is the last-error note of a message given back until at.
func holdNote(why string, at time.Time) string {
	if !at.After(time.Now()) {
		return why
	}
	return why + holdMark + at.UTC().Format(time.RFC3339Nano)
}

// noteHoldLocked keeps the wait a claimed message's note carries for its
// recipient. d.mu must be held.
func (d *Dispatcher) noteHoldLocked(it storage.OutboxItem) {
	i := strings.LastIndex(it.LastError, holdMark)
	if i < 0 {
		return
	}
	until, err := time.Parse(time.RFC3339Nano, it.LastError[i+len(holdMark):])
	if err == nil && until.After(d.holds[it.Recipient]) && until.After(time.Now()) {
		d.holds[it.Recipient] = until
	}
}
