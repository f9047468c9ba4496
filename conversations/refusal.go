package conversations

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ctdesk/conversations/check"
	"ctdesk/conversations/policy"
)

// refusalWindow is the stretch of time (an hour of the clock) in which a
// refusal, once written to the bitácora, is not written again for the same
// person, ticket and attempt.
const refusalWindow = time.Hour

// policy answers who may do what, over the turn's directory.
func (t *turn) policy() policy.Policy { return policy.New(t.dir) }

// refuse writes an attempt the policy does not allow — a press, a rating, a
// look at a ticket, a command — to the bitácora, the same way for everyone,
// people outside the directory included; the caller tells the person.
//
// An attempt is written once per person, ticket and kind of attempt (what)
// in each refusalWindow of the event's time, through a mark in the store
// that every replica shares: pressing a button again and again cannot fill
// the bitácora, and what a person can attempt is bounded by the tickets and
// actions that exist. detail says more in the entry without making the
// attempt another one.
func (t *turn) refuse(ctx context.Context, folio, what, detail string) error {
	window := t.now.Truncate(refusalWindow).Unix()
	key := "refusal:" + t.recipient() + ":" + folio + ":" + what + ":" + strconv.FormatInt(window, 10)
	first, done := t.marks[key] // a retried turn keeps the first answer
	if !done {
		var err error
		if first, err = t.e.st.MarkSeen(ctx, key, 2*refusalWindow); err != nil {
			return fmt.Errorf("conversations: refusal of %s: %w", t.recipient(), err)
		}
		t.marks[key] = first
	}
	if first {
		t.record(folio, "intento_no_autorizado", detail)
	}
	return nil
}

// refuseStranger answers a button pressed by someone outside the directory
// (or whose registration is pending or was rejected): only registered people
// use buttons besides their own registration's. It is written once per
// account in refusalWindow, whatever was pressed.
func (t *turn) refuseStranger(ctx context.Context) error {
	t.notice = t.tr("button.unregistered")
	return t.refuse(ctx, "", "boton", "botón "+check.Clip(t.ev.Button, 64))
}
