package conversations

import (
	"context"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// pendingQuestions are the questions of the input of the action whose
// button was pressed, answered with "p:<value>" buttons, «Cancelar» under
// each one.
func (t *turn) pendingQuestions(tk *storage.Ticket, a *workflow.Action) *ask.Questions {
	head := t.tr("pending.head", tk.Folio, t.actionLabel(t.who.ID, tk.Service, a.ID))
	q := &ask.Questions{
		State: &t.st.Pend.In, Fields: a.Input, Svc: tk.Service, Ticket: tk,
		Code: func(v string) string { return chat.Code(chat.KindPending, v) },
		Foot: [][]Button{{{Label: t.tr("form.cancel"), Code: chat.Code(chat.KindPending, "cancel")}}},
	}
	q.Prompt = func(f *workflow.Field) string {
		if f.CaptionsOf != "" {
			return head + "\n" + t.tr(t.inputKey(tk.Service, a, f), q.CaptionOf(f))
		}
		return head + "\n" + t.tr(t.inputKey(tk.Service, a, f))
	}
	return q
}

// inputKey is the catalog key of an input question: the action names its
// first one ("<svc>.in.<action>", "in.<action>"), the others are named
// after the field ("<svc>.in.<action>.<field>", "in.<field>"), and each
// kind of field has a question of its own to fall back on.
func (t *turn) inputKey(svc string, a *workflow.Action, f *workflow.Field) string {
	if f.ID == a.Input[0].ID {
		return texts.Pick(t.lang, svc+".in."+a.ID, "in."+a.ID, ask.InputKey(f))
	}
	return texts.Pick(t.lang, svc+".in."+a.ID+"."+f.ID, "in."+f.ID, ask.InputKey(f))
}

// askPending asks for the input of the action whose button was pressed.
func (t *turn) askPending(ctx context.Context) error {
	tk, a, ok, err := t.pendingAction(ctx)
	if err != nil || !ok {
		return err
	}
	q := t.pendingQuestions(tk, a)
	if q.Current() == nil {
		t.dirty = true
		q.Advance()
	}
	t.ask(q)
	return nil
}

// pendingAction reloads the pending action's ticket and checks that it may
// still apply; when not, the pending input is dropped with an explanation.
func (t *turn) pendingAction(ctx context.Context) (*storage.Ticket, *workflow.Action, bool, error) {
	p := t.st.Pend
	tk, err := t.ticket(ctx, p.Folio)
	if err != nil && !notFound(err) {
		return nil, nil, false, err
	}
	var a *workflow.Action
	ok := err == nil
	if ok {
		svc := t.e.services[tk.Service]
		a, ok = svc.Action(p.Action)
		ok = ok && len(a.Input) > 0 && len(tk.History) == p.Step && a.Can(tk) && t.policy().May(a.Who, tk, t.who)
	}
	if !ok {
		t.st.Pend = nil
		t.dirty = true
		t.reply(t.tr("pending.stale", p.Folio))
		return nil, nil, false, t.reask(ctx)
	}
	return tk, a, true, nil
}

// pendingInput takes the input of the pending action, typed or pressed,
// and applies the action once every question is answered.
func (t *turn) pendingInput(ctx context.Context, text, button string) error {
	if button == "cancel" {
		t.cancel()
		return nil
	}
	p := t.st.Pend
	tk, a, ok, err := t.pendingAction(ctx)
	if err != nil || !ok {
		return err
	}
	q := t.pendingQuestions(tk, a)
	done, err := t.answer(ctx, q, text, button)
	if err != nil || !done {
		return err
	}
	ac := q.Given(t.asker(), a.ID, t.who.ID)
	t.st.Pend = nil
	t.dirty = true
	if err := t.apply(ctx, tk, a, ac, p.Pressed); err != nil {
		return err
	}
	if t.st.Svc != "" {
		return t.reask(ctx)
	}
	return nil
}
