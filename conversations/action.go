package conversations

import (
	"context"
	"strconv"
	"time"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// effects is what a service's Do may make happen (workflow.Effects) for a
// ticket in this turn.
type effects struct {
	t  *turn
	tk *storage.Ticket
}

func (x effects) Password() string { return x.t.e.cfg.Password() }

func (x effects) TellSecret(to string, buttons [][]Button, key string, args ...any) {
	x.t.sendSecret(to, x.t.trFor(to, key, args...), buttons...)
	x.t.out[len(x.t.out)-1].Folio = x.t.folioOf(x.tk)
}

func (x effects) TakeBack(to string, handedOut time.Time) {
	x.t.takeBacks = append(x.t.takeBacks, x.t.e.takeBack(x.t.folioOf(x.tk), to, handedOut, x.t.langOf(to)))
}

func (x effects) Record(action, detail string) { x.t.record(x.t.folioOf(x.tk), action, detail) }

func (x effects) FindPerson(email, name string) (storage.Person, bool) {
	return x.t.dir.FindPerson(email, name)
}

func (x effects) ButtonFor(to, action string) Button {
	return Button{
		Label: x.t.actionLabel(to, x.tk.Service, action),
		Code:  chat.Code(chat.KindAction, x.t.folioOf(x.tk), action, strconv.Itoa(len(x.tk.History)+1)),
	}
}

// ticketButton handles a press on a ticket action.
func (t *turn) ticketButton(ctx context.Context, folio, action string, step int) error {
	tk, ok, err := t.pressedTicket(ctx, folio)
	if !ok {
		return err
	}
	svc, ok := t.e.services[tk.Service]
	if !ok {
		t.notice = t.tr("button.stale")
		return nil
	}
	a, ok := svc.Action(action)
	if !ok {
		t.notice = t.tr("button.stale")
		return nil
	}
	if !t.policy().May(a.Who, tk, t.who) {
		t.notice = t.tr("button.forbidden", tk.Folio)
		return t.refuse(ctx, tk.Folio, a.ID, a.ID)
	}
	if len(tk.History) != step || !a.Can(tk) {
		t.notice = t.tr("button.moved", tk.Folio, t.statusName(t.lang, tk))
		t.editPressed(t.ev.Pressed, t.card(t.who.ID, tk)+"\n\n"+t.notice)
		return nil
	}
	if len(a.Input) > 0 {
		t.st.Pend = &pending{Folio: tk.Folio, Action: a.ID, Step: step, Pressed: t.ev.Pressed}
		t.dirty = true
		return t.askPending(ctx)
	}
	return t.apply(ctx, tk, a, ask.Given{}, t.ev.Pressed)
}

// pressedTicket loads the ticket a button names; a folio that does not
// exist is answered with a notice.
func (t *turn) pressedTicket(ctx context.Context, folio string) (*storage.Ticket, bool, error) {
	tk, err := t.ticket(ctx, folio)
	if notFound(err) {
		t.notice = t.tr("ticket.notfound", folio)
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return tk, true, nil
}

// apply carries out an action: the ticket changes, its history, the
// bitácora and the people concerned are told.
func (t *turn) apply(ctx context.Context, tk *storage.Ticket, a *workflow.Action, in ask.Given, pressed string) error {
	ac := &workflow.ActionCtx{Effects: effects{t, tk}, Ticket: tk, By: t.who,
		Text: in.Text, Date: in.Date, Files: in.Files, To: a.To, Note: in.Note}
	if ac.Note == "" {
		ac.Note = ac.Text
	}
	from := tk.Status
	t.keep(tk, a, in)
	if a.Deliver {
		t.deliver = outFiles(in.Files)
	}
	if a.Do != nil {
		if err := a.Do(ac); err != nil {
			return err
		}
	}
	tk.Status = ac.To
	if tk.Status == storage.StatusClosed {
		tk.Closed = t.now
		if a.Confirms {
			tk.Closed = entered(tk, from, t.now)
		}
	}
	t.variant = ac.Variant
	tk.History = append(tk.History, storage.Transition{
		At: t.now, By: t.who.ID, Role: t.who.Role, From: from, To: tk.Status, Action: a.ID, Note: ac.Note,
	})
	t.touch(tk)
	t.recordAction(tk, a, records.ActionDetail(ac))
	t.editPressed(pressed, t.card(t.who.ID, tk)+"\n\n"+t.stamp(tk, a))
	t.enterStatus(ctx, tk, a)
	t.deliver, t.variant = nil, ""
	return nil
}

// entered returns when the ticket last entered a status (def when never).
func entered(tk *storage.Ticket, status string, def time.Time) time.Time {
	for i := len(tk.History) - 1; i >= 0; i-- {
		if tk.History[i].To == status {
			return tk.History[i].At
		}
	}
	return def
}

// stamp is what a pressed message says once its action applied: the
// decision as a past participle, with its author and time («✔ Aprobada
// por Luis Pérez, 26/11/2026 10:11»).
func (t *turn) stamp(tk *storage.Ticket, a *workflow.Action) string {
	key := "done.pressed"
	if a.Reject || a.To == storage.StatusRejected || a.To == storage.StatusCancelled {
		key = "done.pressed.no"
	}
	what := t.tr(texts.Pick(t.lang, tk.Service+".stamp."+a.ID, "stamp."+a.ID, tk.Service+".act."+a.ID, "act."+a.ID))
	return t.tr(key, what, t.dir.Name(t.who.ID), t.now.In(t.e.cfg.Location).Format("02/01/2006 15:04"))
}

// keep writes into the ticket what the action and its answers record: the
// assignee, a visto bueno, a signature, a counter, a committed date, the
// files and the answers it keeps.
func (t *turn) keep(tk *storage.Ticket, a *workflow.Action, in ask.Given) {
	if a.Assign {
		tk.Assignee = t.who.ID
	}
	if in.Assignee != "" {
		tk.Assignee = in.Assignee
	}
	if a.Approval != "" {
		tk.Approvals = append(tk.Approvals, storage.Approval{
			Kind: a.Approval, By: t.who.ID, Role: t.who.Role, Approved: !a.Reject, Reason: in.Text, At: t.now,
		})
	}
	if a.Sign != "" {
		tk.Signatures = append(tk.Signatures, storage.Signature{What: a.Sign, By: t.who.ID, At: t.now})
	}
	if a.Counter != "" {
		if tk.Counters == nil {
			tk.Counters = map[string]int{}
		}
		tk.Counters[a.Counter]++
	}
	if !in.Date.IsZero() {
		tk.Dates = append(tk.Dates, storage.CommittedDate{Date: in.Date, Reason: reasonIfSlip(tk, in.Text), By: t.who.ID, At: t.now})
	}
	tk.Attachments = append(tk.Attachments, in.Files...)
	for _, kv := range in.Keep {
		if tk.Fields == nil {
			tk.Fields = map[string]string{}
		}
		tk.Fields[kv[0]] = kv[1]
	}
}

// recordAction writes an applied action to the bitácora, once: an action
// that signs is also the signature's entry, its detail saying what was
// signed.
func (t *turn) recordAction(tk *storage.Ticket, a *workflow.Action, detail string) {
	if a.Sign != "" {
		detail = records.Signed(a.Sign, detail)
	}
	t.record(tk.Folio, a.ID, detail)
}

// reasonIfSlip keeps the reason only when a date replaces an earlier one.
func reasonIfSlip(tk *storage.Ticket, reason string) string {
	if len(tk.Dates) == 0 {
		return ""
	}
	return reason
}

// outFiles lists attachments as files to send.
func outFiles(as []storage.Attachment) []OutFile {
	var out []OutFile
	for _, f := range as {
		out = append(out, OutFile{ID: f.FileID, Name: f.Name, Photo: f.Photo})
	}
	return out
}
