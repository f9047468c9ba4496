package conversations

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ctdesk/storage"
)

// ActionCtx is what a service's Do sees when one of its actions applies.
type ActionCtx struct {
	t *turn
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

	assignee string      // who the input assigns the ticket to
	keep     [][2]string // answers kept in the ticket's fields, by field id
}

// Config returns the engine's configuration.
func (a *ActionCtx) Config() *Config { return &a.t.e.cfg }

// Now returns the time of the event.
func (a *ActionCtx) Now() time.Time { return a.t.now }

// Tell sends a message to a person, in that person's language.
func (a *ActionCtx) Tell(to, key string, args ...any) {
	a.t.send(to, a.t.trFor(to, key, args...))
}

// TellSecret sends a message that is sealed in the outbox and never logged.
func (a *ActionCtx) TellSecret(to string, buttons [][]Button, key string, args ...any) {
	a.t.sendSecret(to, a.t.trFor(to, key, args...), buttons...)
}

// Record appends a bitácora entry about the ticket.
func (a *ActionCtx) Record(action, detail string) { a.t.record(a.t.folioOf(a.Ticket), action, detail) }

// ButtonFor builds the button of another action of the ticket, valid at the
// history step the ticket will have after this action.
func (a *ActionCtx) ButtonFor(to, action string) Button {
	return Button{
		Label: a.t.actionLabel(to, a.Ticket.Service, action),
		Code:  "t:" + a.t.folioOf(a.Ticket) + ":" + action + ":" + strconv.Itoa(len(a.Ticket.History)+1),
	}
}

// ticketButton handles a press on a ticket action.
func (t *turn) ticketButton(ctx context.Context, folio, action string, step int) error {
	tk, err := t.ticket(ctx, folio)
	if notFound(err) {
		t.notice = t.tr("ticket.notfound", folio)
		return nil
	}
	if err != nil {
		return err
	}
	svc, ok := t.e.services[tk.Service]
	if !ok {
		t.notice = t.tr("button.stale")
		return nil
	}
	a, ok := svc.action(action)
	if !ok {
		t.notice = t.tr("button.stale")
		return nil
	}
	if !t.policy().May(a.Who, tk, t.who) {
		t.notice = t.tr("button.forbidden", tk.Folio)
		return t.refuse(ctx, tk.Folio, a.ID, a.ID)
	}
	if len(tk.History) != step || !a.can(tk) {
		t.notice = t.tr("button.moved", tk.Folio, t.statusName(t.lang, tk))
		t.editPressed(t.ev.Pressed, t.card(t.who.ID, tk)+"\n\n"+t.notice)
		return nil
	}
	if len(a.Input) > 0 {
		t.st.Pend = &pending{Folio: tk.Folio, Action: a.ID, Step: step, Pressed: t.ev.Pressed}
		t.dirty = true
		return t.askPending(ctx)
	}
	return t.apply(ctx, tk, a, &ActionCtx{}, t.ev.Pressed)
}

// apply carries out an action: the ticket changes, its history, the
// bitácora and the people concerned are told.
func (t *turn) apply(ctx context.Context, tk *storage.Ticket, a *Action, ac *ActionCtx, pressed string) error {
	ac.t, ac.Ticket, ac.By, ac.To = t, tk, t.who, a.To
	if ac.Note == "" {
		ac.Note = ac.Text
	}
	from := tk.Status
	if a.Assign {
		tk.Assignee = t.who.ID
	}
	if ac.assignee != "" {
		tk.Assignee = ac.assignee
	}
	if a.Approval != "" {
		tk.Approvals = append(tk.Approvals, storage.Approval{
			Kind: a.Approval, By: t.who.ID, Role: t.who.Role, Approved: !a.Reject, Reason: ac.Text, At: t.now,
		})
	}
	if a.Sign != "" {
		tk.Signatures = append(tk.Signatures, storage.Signature{What: a.Sign, By: t.who.ID, At: t.now})
		t.record(tk.Folio, "firma", a.Sign)
	}
	if a.Counter != "" {
		if tk.Counters == nil {
			tk.Counters = map[string]int{}
		}
		tk.Counters[a.Counter]++
	}
	if !ac.Date.IsZero() {
		tk.Dates = append(tk.Dates, storage.CommittedDate{Date: ac.Date, Reason: reasonIfSlip(tk, ac.Text), By: t.who.ID, At: t.now})
	}
	tk.Attachments = append(tk.Attachments, ac.Files...)
	for _, kv := range ac.keep {
		if tk.Fields == nil {
			tk.Fields = map[string]string{}
		}
		tk.Fields[kv[0]] = kv[1]
	}
	if a.Deliver {
		t.deliver = outFiles(ac.Files)
	}
	if a.Do != nil {
		if err := a.Do(ac); err != nil {
			return err
		}
	}
	tk.Status = ac.To
	if tk.Status == storage.StatusClosed {
		tk.Closed = t.now
	}
	tk.History = append(tk.History, storage.Transition{
		At: t.now, By: t.who.ID, Role: t.who.Role, From: from, To: tk.Status, Action: a.ID, Note: ac.Note,
	})
	t.touch(tk)
	t.record(tk.Folio, a.ID, logDetail(ac))
	t.editPressed(pressed, t.card(t.who.ID, tk)+"\n\n"+t.tr("done.pressed", t.actionLabel(t.who.ID, tk.Service, a.ID), t.dir.name(t.who.ID), t.now.In(t.e.cfg.Location).Format("02/01/2006 15:04")))
	t.enterStatus(ctx, tk, a)
	t.deliver = nil
	return nil
}

// reasonIfSlip keeps the reason only when a date replaces an earlier one.
func reasonIfSlip(tk *storage.Ticket, reason string) string {
	if len(tk.Dates) == 0 {
		return ""
	}
	return reason
}

// logDetail is what the bitácora keeps of an action: its note, with the
// committed date and the files when it had them.
func logDetail(ac *ActionCtx) string {
	var parts []string
	if !ac.Date.IsZero() {
		parts = append(parts, "fecha "+ac.Date.Format(dateShown))
	}
	if ac.Note != "" {
		parts = append(parts, ac.Note)
	}
	if len(ac.Files) > 0 {
		names := make([]string, len(ac.Files))
		for i, f := range ac.Files {
			names[i] = f.Name
		}
		parts = append(parts, "archivos: "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// outFiles lists attachments as files to send.
func outFiles(as []storage.Attachment) []OutFile {
	var out []OutFile
	for _, f := range as {
		out = append(out, OutFile{ID: f.FileID, Name: f.Name, Photo: f.Photo})
	}
	return out
}
