package conversations

import (
	"context"
	"fmt"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
)

// startForm begins the form of a service.
func (t *turn) startForm(svc string) error {
	s := t.e.services[svc]
	if !s.Ready {
		t.reply(t.tr("svc.notready", t.serviceName(svc)))
		t.menu()
		return nil
	}
	t.setState(dialogState{Svc: svc, State: ask.State{Ans: workflow.Answers{}}})
	t.reply(t.tr("form.start", t.serviceName(svc)))
	t.askForm()
	return nil
}

// form is the questions of the service whose form is being filled.
func (t *turn) form() *ask.Questions {
	s := t.e.services[t.st.Svc]
	q := &ask.Questions{State: &t.st.State, Fields: s.Fields, Svc: s.ID}
	q.Code = func(v string) string { return chat.Code(chat.KindField, q.State.Field, v) }
	q.Prompt = func(f *workflow.Field) string {
		n, total := q.Progress()
		text := t.tr(s.ID + "." + f.ID + ".q")
		if f.Optional {
			text += " " + t.tr("form.optional")
		}
		return fmt.Sprintf("(%d/%d) %s", n, total, text)
	}
	return q
}

// askForm asks the form's current question, moving on to the first one
// unanswered, or to the summary when every one is answered.
func (t *turn) askForm() {
	q := t.form()
	if q.Current() == nil {
		t.dirty = true
		if !q.Advance() {
			t.toSummary()
			return
		}
	}
	t.ask(q)
}

// toSummary shows the filled form for confirmation.
func (t *turn) toSummary() {
	t.st.Field = ""
	t.st.Confirm = true
	t.dirty = true
	t.summary()
}

// formInput takes a typed answer (or a button's value) for the current field.
func (t *turn) formInput(ctx context.Context, text, button string) error {
	if t.st.Confirm {
		if button == "" {
			t.reply(t.tr("form.confirm.use_buttons"))
			t.summary()
			return nil
		}
		return t.confirm(ctx, button)
	}
	done, err := t.answer(ctx, t.form(), text, button)
	if err != nil || !done {
		return err
	}
	t.toSummary()
	return nil
}

// formButton handles "f:<field>:<value>" buttons.
func (t *turn) formButton(ctx context.Context, field, value string) error {
	if t.st.Svc == "" || t.st.Confirm || t.st.Field != field {
		t.notice = t.tr("button.stale")
		if t.st.Svc != "" {
			return t.reask(ctx)
		}
		return nil
	}
	return t.formInput(ctx, "", value)
}
