package conversations

import (
	"context"
	"slices"
	"time"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/directory"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// What the web panel reads of the engine: the directory and the policy it
// answers with, the labels of the procedures, and the actions a person may
// take on a ticket with what each asks. The panel acts through Act,
// Comment and Handle, so what it does is what a press in chat does.

// Directory returns the directory as the engine holds it now.
func (e *Engine) Directory(ctx context.Context) (*directory.Snapshot, error) {
	return e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
}

// Viewer returns the active person with the id: false for someone not in
// the directory, pending or disabled.
func (e *Engine) Viewer(ctx context.Context, id string) (storage.Person, bool, error) {
	dir, err := e.Directory(ctx)
	if err != nil {
		return storage.Person{}, false, err
	}
	p, ok := dir.Person(id)
	return p, ok && !p.Pending && !p.Disabled, nil
}

// Lang is the language a person reads.
func (e *Engine) Lang(p storage.Person) string {
	if p.Language != "" && texts.Known(p.Language) {
		return p.Language
	}
	return e.cfg.Language
}

// Location is the institution's time zone.
func (e *Engine) Location() *time.Location { return e.cfg.Location }

// Now is the engine's clock.
func (e *Engine) Now() time.Time { return e.cfg.Now() }

// Scope is the listing a person sees (policy.Lists) as a store query's
// scope: the waiting for a visto bueno it names become the statuses
// where the services' actions for it start.
func (e *Engine) Scope(dir *directory.Snapshot, who storage.Person) storage.TicketScope {
	l := policy.New(dir).Lists(who)
	var approving []string
	if l.Approves != 0 {
		for _, id := range e.order {
			for _, st := range e.services[id].ApprovalStatuses(l.Approves) {
				if !slices.Contains(approving, st) {
					approving = append(approving, st)
				}
			}
		}
	}
	return l.Scope(who, e.OpenStatuses(), approving)
}

// Refuse writes to the bitácora an attempt the policy does not allow (a
// page, a file, a ticket), the way the chat writes its refusals: once per
// person, folio and attempt each hour.
func (e *Engine) Refuse(ctx context.Context, who storage.Person, folio, what string) error {
	t, err := e.newTurn(ctx, Event{Person: who.ID, At: e.cfg.Now()}, map[string]bool{})
	if err != nil {
		return err
	}
	if !t.known {
		t.who, t.known = who, true
	}
	if err := t.refuse(ctx, folio, what, what); err != nil {
		return err
	}
	_, err = t.commit(ctx)
	return err
}

// Named is something with its id and its name in a language.
type Named struct{ ID, Name string }

// Services lists the services, in menu order, named in a language.
func (e *Engine) Services(lang string) []Named {
	out := make([]Named, 0, len(e.order))
	for _, id := range e.order {
		out = append(out, Named{ID: id, Name: texts.Text(lang, "svc."+id)})
	}
	return out
}

// Statuses lists every status of the services, named in a language (by
// the name the services share, else the first service's own).
func (e *Engine) Statuses(lang string) []Named {
	var out []Named
	seen := map[string]bool{}
	for _, id := range e.order {
		for _, st := range e.services[id].Statuses() {
			if seen[st] {
				continue
			}
			seen[st] = true
			out = append(out, Named{ID: st, Name: texts.Text(lang, texts.Pick(lang, "status."+st, id+".status."+st, "status.other"))})
		}
	}
	return out
}

// ActionLabel names an action of a service (its button) in a language,
// as the chat names it.
func (e *Engine) ActionLabel(lang, service, action string) string {
	return (&turn{e: e, lang: lang, dir: &directory.Snapshot{}}).actionLabel("", service, action)
}

// Labeled is a value with its label, as a ticket's card shows it.
type Labeled struct{ Label, Value string }

// Answers lists a ticket's answers as its card shows them, in a language:
// the request form's, then what CT's work kept (a published address, a
// chosen draft).
func (e *Engine) Answers(ctx context.Context, lang string, tk *storage.Ticket) ([]Labeled, error) {
	t, err := e.jobTurn(ctx, "", e.cfg.Now())
	if err != nil {
		return nil, err
	}
	svc := e.services[tk.Service]
	if svc == nil {
		return nil, nil
	}
	var out []Labeled
	for i := range svc.Fields {
		f := &svc.Fields[i]
		if v, ok := tk.Fields[f.ID]; ok {
			out = append(out, Labeled{texts.Text(lang, svc.ID+"."+f.ID), records.Answer(lang, svc, f, v, t.dir.AreaName)})
		}
	}
	for _, kv := range records.KeptValues(lang, svc, tk) {
		out = append(out, Labeled{kv[0], kv[1]})
	}
	return out, nil
}

// Offer is an action a person may take on a ticket now.
type Offer struct {
	Action, Label string
	// Step is the ticket's history step the offer is valid at.
	Step int
	// Reject marks an action that refuses or ends the ticket.
	Reject bool
	Inputs []ask.Input
}

// Offers lists the actions a person may take on a ticket now, with what
// each asks: those its ticket view in chat (/ver) offers.
func (e *Engine) Offers(ctx context.Context, who storage.Person, tk *storage.Ticket) ([]Offer, error) {
	t, err := e.newTurn(ctx, Event{Person: who.ID, At: e.cfg.Now()}, map[string]bool{})
	if err != nil || !t.known {
		return nil, err
	}
	svc := e.services[tk.Service]
	if svc == nil {
		return nil, nil
	}
	pol := t.policy()
	var out []Offer
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if !a.Can(tk) || !pol.May(a.Who, tk, t.who) {
			continue
		}
		o := Offer{Action: a.ID, Label: t.actionLabel(t.who.ID, svc.ID, a.ID), Step: len(tk.History),
			Reject: a.Reject || a.To == storage.StatusRejected || a.To == storage.StatusCancelled}
		q := &ask.Questions{State: &ask.State{}, Fields: a.Input, Svc: svc.ID, Ticket: tk}
		o.Inputs = q.Inputs(t.asker(), func(f *workflow.Field) string { return t.tr(t.inputKey(tk.Service, a, f)) })
		out = append(out, o)
	}
	return out, nil
}
