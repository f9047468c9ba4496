package conversations

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"ctdesk/conversations/directory"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// turn is the handling of one event: what was loaded and what it decided.
type turn struct {
	e     *Engine
	ev    Event
	now   time.Time
	dir   *directory.Snapshot
	who   storage.Person
	known bool
	key   string // dialog key: person id, or platform:account when unknown
	lang  string

	st    dialogState
	ver   int64
	dirty bool

	tickets map[string]*ticketRef
	order   []*ticketRef
	log     []storage.LogEntry
	out     []Message
	// takeBacks delete secrets from chats; they follow the edits in out.
	takeBacks []Message
	people    []storage.Person
	notice    string
	// deliver are files an action sends to the requester with its news.
	deliver []OutFile
	// variant is the wording of an action's news that its Do chose.
	variant string
	// token stands for the folio of a ticket created in this turn until the
	// store assigns it (see storage.Change.FolioToken).
	token string
	// marks are the refusal marks taken while handling the event.
	marks map[string]bool
}

// ticketRef is a ticket loaded (or created) during a turn.
type ticketRef struct {
	t      *storage.Ticket
	expect int64
}

// ticket loads a ticket once per turn.
func (t *turn) ticket(ctx context.Context, folio string) (*storage.Ticket, error) {
	if r, ok := t.tickets[folio]; ok {
		return r.t, nil
	}
	tk, err := t.e.st.Ticket(ctx, folio)
	if err != nil {
		return nil, err
	}
	r := &ticketRef{t: &tk, expect: tk.Version}
	t.tickets[folio] = r
	return r.t, nil
}

// touch marks a loaded ticket as changed, so the commit writes it.
func (t *turn) touch(tk *storage.Ticket) {
	tk.Updated = t.now
	folio := t.folioOf(tk)
	r, ok := t.tickets[folio]
	if !ok {
		r = &ticketRef{t: tk}
		t.tickets[folio] = r
	}
	for _, o := range t.order {
		if o == r {
			return
		}
	}
	t.order = append(t.order, r)
}

// folioOf returns how messages of this turn name the ticket: a new one by
// the turn's folio token.
func (t *turn) folioOf(tk *storage.Ticket) string {
	if tk.Folio == "" {
		return t.folioToken()
	}
	return tk.Folio
}

// folioToken is the placeholder of the folio of the ticket this turn
// creates; random, so no typed text can contain it.
func (t *turn) folioToken() string {
	if t.token == "" {
		t.token = storage.NewFolioToken()
	}
	return t.token
}

// tr translates for the person who acts.
func (t *turn) tr(key string, args ...any) string { return texts.Text(t.lang, key, args...) }

// langOf is the language a person reads.
func (t *turn) langOf(id string) string {
	if p, ok := t.dir.Person(id); ok && p.Language != "" {
		if texts.Known(p.Language) {
			return p.Language
		}
	}
	if id == t.who.ID {
		return t.lang
	}
	return t.e.cfg.Language
}

// trFor translates for another person.
func (t *turn) trFor(id, key string, args ...any) string {
	return texts.Text(t.langOf(id), key, args...)
}

// recipient is how messages address the person who acts.
func (t *turn) recipient() string {
	if t.known {
		return t.who.ID
	}
	return t.key
}

// reply tells the person who acts.
func (t *turn) reply(text string, buttons ...[]Button) {
	t.send(t.recipient(), text, buttons...)
}

// send queues a message to anyone.
func (t *turn) send(to, text string, buttons ...[]Button) {
	t.out = append(t.out, Message{To: to, Text: text, Buttons: buttons})
}

// sendSecret queues a message that is sealed in the outbox and never logged.
func (t *turn) sendSecret(to, text string, buttons ...[]Button) {
	t.out = append(t.out, Message{To: to, Text: text, Buttons: buttons, Secret: true})
}

// editPressed replaces the pressed message's text and removes its buttons.
func (t *turn) editPressed(ref, text string) {
	if ref == "" {
		return
	}
	t.out = append(t.out, Message{To: t.recipient(), Edit: ref, Text: text})
}

// record appends a bitácora entry for the person who acts.
func (t *turn) record(folio, action, detail string) {
	t.log = append(t.log, storage.LogEntry{
		At: t.now, Who: t.who.ID, Role: t.who.Role, Folio: folio, Action: action, Detail: detail,
	})
	if !t.known {
		t.log[len(t.log)-1].Who = t.key
	}
}

// setState replaces the dialog state.
func (t *turn) setState(s dialogState) {
	t.st = s
	t.dirty = true
}

// clearState ends whatever was in progress.
func (t *turn) clearState() { t.setState(dialogState{}) }

// notFound reports whether err means the record does not exist.
func notFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }

// randomID returns a fresh random identifier.
func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
