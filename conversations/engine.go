package conversations

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/directory"
	"ctdesk/conversations/procedures"
	"ctdesk/conversations/reach"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/secret"
	"ctdesk/storage"
)

// Store is what the engine needs of a store: the records it changes, the
// marks that bound refusals in the bitácora, and for the coordinator's
// commands the bitácora, the CT-RG.01 plan and the delivered marks of the
// quarterly report.
type Store interface {
	storage.Committer
	storage.Seen
	storage.Tickets
	storage.Dialogs
	storage.Directory
	storage.Files
	storage.Bitacora
	storage.Plan
	storage.Values
}

// Engine runs the dialogs and the procedures of the five services.
type Engine struct {
	cfg      Config
	st       Store
	services map[string]*workflow.Service
	order    []string
	dir      directory.Cache
	seal     *secret.Keyring
	reach    *reach.Marks
}

// maxAttempts bounds the retries of an event whose commit lost a race.
const maxAttempts = 8

// seenTTL is how long a handled update is remembered; platforms redeliver
// within minutes to hours.
const seenTTL = 72 * time.Hour

// New builds an engine over the store with the given services (in menu order).
func New(cfg Config, st Store, services ...*workflow.Service) (*Engine, error) {
	if err := cfg.withDefaults(); err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, st: st, services: make(map[string]*workflow.Service), seal: secret.NewKeyring(st), reach: reach.New(st)}
	for _, s := range services {
		if _, dup := e.services[s.ID]; dup {
			return nil, fmt.Errorf("conversations: service %q declared twice", s.ID)
		}
		if err := s.Validate(); err != nil {
			return nil, err
		}
		e.services[s.ID] = s
		e.order = append(e.order, s.ID)
	}
	return e, nil
}

// Handle applies one event: it loads the person's dialog, decides, and
// commits the new state with the ticket changes, the bitácora entries and the
// outgoing messages at once. A commit that lost a race is retried from the
// start; a redelivered event is reported as Duplicate and changes nothing.
func (e *Engine) Handle(ctx context.Context, ev Event) (Result, error) {
	if ev.At.IsZero() {
		ev.At = e.cfg.Now()
	}
	marks := map[string]bool{} // refusal marks taken, kept across retries
	for attempt := 1; ; attempt++ {
		t, err := e.newTurn(ctx, ev, marks)
		if err != nil {
			return Result{}, err
		}
		if err := t.run(ctx); err != nil {
			return Result{}, err
		}
		res, err := t.commit(ctx)
		switch {
		case errors.Is(err, storage.ErrDuplicate):
			return Result{Duplicate: true, Person: t.who.ID}, nil
		case errors.Is(err, storage.ErrConflict) && attempt < maxAttempts:
			continue
		case err != nil:
			return Result{}, err
		}
		return res, nil
	}
}

// DefaultServices returns the five services of the procedure, in menu
// order (declared in package procedures).
func DefaultServices() []*workflow.Service { return procedures.All() }

// outbox turns messages into outbox items with ids "<prefix>#<n>", their
// secrets sealed.
func (e *Engine) outbox(ctx context.Context, prefix string, msgs []Message, now time.Time) ([]storage.OutboxItem, error) {
	items := make([]storage.OutboxItem, 0, len(msgs))
	for i, m := range msgs {
		m.ID = prefix + "#" + strconv.Itoa(i)
		payload, err := e.encode(ctx, m)
		if err != nil {
			return nil, err
		}
		items = append(items, storage.OutboxItem{ID: m.ID, Recipient: m.To, Payload: payload, Created: now})
	}
	return items, nil
}

// Invalidate drops the cached directory, e.g. after the configuration
// changed people or areas.
func (e *Engine) Invalidate() { e.dir.Invalidate() }

// newTurn loads what an event needs: the directory, the person, the dialog.
func (e *Engine) newTurn(ctx context.Context, ev Event, marks map[string]bool) (*turn, error) {
	now := ev.At.In(e.cfg.Location) // folios and dates follow the institution's calendar
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return nil, err
	}
	t := &turn{e: e, ev: ev, now: now, dir: dir, lang: e.cfg.Language, tickets: map[string]*ticketRef{}, marks: marks}
	switch {
	case ev.Person != "":
		t.who, t.known = dir.Person(ev.Person)
	case ev.Platform != "":
		t.who, t.known = dir.ByAccount(ev.Platform, ev.Account)
	}
	if t.known && (t.who.Pending || t.who.Disabled) {
		t.known = false
	}
	t.key = t.who.ID
	if !t.known {
		t.key = ev.Platform + ":" + ev.Account
	}
	if t.who.Language != "" {
		if texts.Known(t.who.Language) {
			t.lang = t.who.Language
		}
	}
	d, err := e.st.Dialog(ctx, t.key)
	switch {
	case errors.Is(err, storage.ErrNotFound):
	case err != nil:
		return nil, fmt.Errorf("conversations: dialog of %s: %w", t.key, err)
	default:
		t.ver = d.Version
		if t.st, err = decodeState(d.Data); err != nil {
			t.st = dialogState{} // a state we cannot read is discarded, not fatal
			t.dirty = true
		}
	}
	return t, nil
}

// commit writes everything the turn decided.
func (t *turn) commit(ctx context.Context) (Result, error) {
	c := storage.Change{FolioToken: t.token, Log: t.log, People: t.people}
	switch {
	case t.ev.Seq > 0:
		c.Mark = storage.UpdateMark{Stream: t.key, N: t.ev.Seq, TTL: seenTTL}
	case t.ev.Remember > 0:
		c.Seen, c.SeenTTL = t.ev.ID, t.ev.Remember
	default:
		c.Seen, c.SeenTTL = t.ev.ID, seenTTL
	}
	// A dialog that ends is deleted; one that never was is not written.
	if t.dirty && !(t.st.idle() && t.ver == 0) {
		w := storage.DialogWrite{Expect: t.ver, TTL: t.e.cfg.DialogIdle + 7*24*time.Hour, Delete: t.st.idle()}
		if !w.Delete {
			t.st.Upd = t.now
		}
		w.Dialog = storage.Dialog{Person: t.key, Data: encodeState(t.st), Updated: t.now}
		c.Dialogs = append(c.Dialogs, w)
	}
	for _, r := range t.order {
		c.Tickets = append(c.Tickets, storage.TicketWrite{Ticket: *r.t, Expect: r.expect})
	}
	prefix := t.ev.ID
	if prefix == "" {
		prefix = randomID()
	}
	// Take-backs go after the edits (the pressed message they may delete is
	// edited first) and before the news, so that a question asked with the
	// news («¿Cómo calificas el servicio?») is the last thing read.
	at := 0
	for i, m := range t.out {
		if m.Edit != "" {
			at = i + 1
		}
	}
	t.out = slices.Insert(t.out, at, t.takeBacks...)
	var err error
	if c.Outbox, err = t.e.outbox(ctx, prefix, t.out, t.now); err != nil {
		return Result{}, err
	}
	for i := range t.out {
		t.out[i].ID = c.Outbox[i].ID
	}
	if c.Empty() {
		return Result{Notice: t.notice, Person: t.who.ID}, nil
	}
	done, err := t.e.st.Commit(ctx, c)
	if err != nil {
		return Result{}, fmt.Errorf("conversations: commit %s: %w", t.ev.ID, err)
	}
	if len(t.people) > 0 {
		t.e.dir.Invalidate()
	}
	res := Result{Messages: t.out, Notice: t.notice, Person: t.who.ID, Refused: refused(t.log)}
	if done.Folio != "" && t.token != "" {
		name := strings.NewReplacer(t.token, done.Folio).Replace
		for i := range res.Messages {
			res.Messages[i].Text = name(res.Messages[i].Text)
			for r := range res.Messages[i].Buttons {
				for b := range res.Messages[i].Buttons[r] {
					res.Messages[i].Buttons[r][b].Code = name(res.Messages[i].Buttons[r][b].Code)
				}
			}
		}
		res.Notice = name(res.Notice)
	}
	return res, nil
}

// OpenStatuses lists the statuses, of every service, in which a ticket is
// still open (not closed, rejected or cancelled), so work queues ask the
// store only for those.
func (e *Engine) OpenStatuses() []string {
	seen := map[string]bool{storage.StatusClosed: true, storage.StatusRejected: true, storage.StatusCancelled: true}
	var out []string
	for _, id := range e.order {
		for _, st := range e.services[id].Statuses() {
			if !seen[st] {
				seen[st] = true
				out = append(out, st)
			}
		}
	}
	return out
}

// refused reports whether a turn's bitácora entries record a refused press.
func refused(log []storage.LogEntry) bool {
	for _, e := range log {
		if e.Action == "intento_no_autorizado" {
			return true
		}
	}
	return false
}
