package conversations

import (
	"context"
	"slices"
	"strconv"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// asking is where a sequence of questions stands: the field being asked,
// the answers so far and the files given so far. It is kept in the dialog.
type asking struct {
	Field string           `json:"f,omitempty"`
	Ans   workflow.Answers `json:"a,omitempty"`
	Files []formFile       `json:"t,omitempty"`
	// Some are the parts of the current field's answer given so far: the
	// choices of a multiple choice, the captions of the photos chosen.
	Some []string `json:"k,omitempty"`
}

// questions is a short sequence of questions being asked: a service's
// form, the input of a ticket action, a registration. The same code asks
// each question, reads its answer, typed or pressed, and asks again with
// the same message when the answer is not valid.
type questions struct {
	st     *asking
	fields []workflow.Field
	// svc labels static choices ("<svc>.<field>.<choice>").
	svc string
	// tk is the ticket whose files a choice may offer.
	tk *storage.Ticket
	// code is the button code that answers with a value.
	code func(value string) string
	// prompt is the question as the person reads it.
	prompt func(f *workflow.Field) string
	// foot are buttons offered under every question.
	foot [][]Button
}

// applies reports whether a field is asked given the answers so far.
func (q *questions) applies(f *workflow.Field) bool { return f.When == nil || f.When(q.st.Ans) }

// current returns the field being asked, nil when none.
func (q *questions) current() *workflow.Field {
	for i := range q.fields {
		if q.fields[i].ID == q.st.Field && q.applies(&q.fields[i]) {
			return &q.fields[i]
		}
	}
	return nil
}

// advance drops the answers of fields that no longer apply and moves to the
// first field that applies and has no answer; false when every one has.
func (q *questions) advance() bool {
	if q.st.Ans == nil {
		q.st.Ans = workflow.Answers{}
	}
	for i := range q.fields {
		if !q.applies(&q.fields[i]) {
			delete(q.st.Ans, q.fields[i].ID)
		}
	}
	for i := range q.fields {
		f := &q.fields[i]
		if _, done := q.st.Ans[f.ID]; !done && q.applies(f) {
			q.st.Field = f.ID
			return true
		}
	}
	q.st.Field = ""
	return false
}

// filesFor counts the files already given to a field.
func (q *questions) filesFor(field string) int {
	n := 0
	for _, f := range q.st.Files {
		if f.Field == field {
			n++
		}
	}
	return n
}

// ask asks the current question with its buttons.
func (t *turn) ask(q *questions) {
	f := q.current()
	if f == nil {
		return
	}
	t.reply(q.prompt(f), append(t.fieldButtons(q, f), q.foot...)...)
}

// answer takes the answer to the current question. It reports done once
// every question that applies is answered; until then it has said what
// comes next: the next question, the same one again with what was wrong,
// or nothing while more files may follow.
func (t *turn) answer(ctx context.Context, q *questions, text, button string) (done bool, err error) {
	f := q.current()
	if f == nil {
		t.dirty = true
		if !q.advance() {
			return true, nil
		}
		t.ask(q)
		return false, nil
	}
	if button == "skip" || (button == "" && f.Optional && isSkip(text) && len(t.ev.Files) == 0) {
		if !f.Optional {
			t.reply(t.tr("form.required"))
			t.ask(q)
			return false, nil
		}
		return t.answered(q, f, "")
	}
	switch {
	case f.Kind == workflow.KindChoice && f.Multi:
		return t.pickSome(q, f, text, button)
	case f.CaptionsOf != "":
		return t.caption(q, f, text)
	}
	value, msg, err := t.validate(ctx, q, f, text, button)
	switch {
	case err != nil:
		return false, err
	case msg != "":
		t.reply(msg)
		t.ask(q)
		return false, nil
	case value == "" && f.TakesFiles() && len(t.ev.Files) > 0:
		return false, nil // files were added; more may follow
	}
	return t.answered(q, f, value)
}

// answered keeps a field's value and asks what comes next, if anything.
func (t *turn) answered(q *questions, f *workflow.Field, value string) (bool, error) {
	if q.st.Ans == nil {
		q.st.Ans = workflow.Answers{}
	}
	q.st.Ans[f.ID] = value
	q.st.Some = nil
	t.dirty = true
	q.recheck(f)
	if q.advance() {
		t.ask(q)
		return false, nil
	}
	return true, nil
}

// fieldButtons are the buttons that answer a field.
func (t *turn) fieldButtons(q *questions, f *workflow.Field) [][]Button {
	var rows [][]Button
	switch f.Kind {
	case workflow.KindChoice:
		for i, o := range t.options(q, f) {
			label := o.label
			if slices.Contains(q.st.Some, o.id) {
				label = "✓ " + label
			}
			rows = append(rows, []Button{{Label: label, Code: q.code(strconv.Itoa(i))}})
		}
		if f.Multi && len(q.st.Some) > 0 {
			rows = append(rows, []Button{{Label: t.tr("form.files.done"), Code: q.code("done")}})
		}
	case workflow.KindYesNo:
		rows = append(rows, []Button{{Label: t.tr("yes"), Code: q.code("y")}, {Label: t.tr("no"), Code: q.code("n")}})
	case workflow.KindDate:
		rows = chat.Rows(t.dayButtons(q, f.Days), 3)
	}
	files := f.TakesFiles() && q.filesFor(f.ID) > 0
	if files {
		rows = append(rows, []Button{{Label: t.tr("form.files.done"), Code: q.code("done")}})
	}
	if f.Optional && !files && len(q.st.Some) == 0 {
		rows = append(rows, []Button{{Label: t.tr("form.skip"), Code: q.code("skip")}})
	}
	return rows
}

// dayButtons offer the next n business days for a date.
func (t *turn) dayButtons(q *questions, n int) []Button {
	var bs []Button
	for _, d := range t.e.cfg.Calendar.NextBusinessDays(t.now, n) {
		bs = append(bs, Button{Label: d.Format("02/01"), Code: q.code("d:" + d.Format(dateKey))})
	}
	return bs
}
