package ask

import (
	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Questions is a short sequence of questions being asked. The same code
// asks each question, reads its answer, typed or pressed, and asks again
// with the same message when the answer is not valid.
type Questions struct {
	State  *State
	Fields []workflow.Field
	// Svc labels static choices ("<svc>.<field>.<choice>").
	Svc string
	// Ticket is the ticket whose files a choice may offer.
	Ticket *storage.Ticket
	// Code is the button code that answers with a value.
	Code func(value string) string
	// Prompt is the question as the person reads it.
	Prompt func(f *workflow.Field) string
	// Foot are buttons offered under every question.
	Foot [][]chat.Button
}

// Applies reports whether a field is asked given the answers so far.
func (q *Questions) Applies(f *workflow.Field) bool { return f.When == nil || f.When(q.State.Ans) }

// Current returns the field being asked, nil when none.
func (q *Questions) Current() *workflow.Field {
	for i := range q.Fields {
		if q.Fields[i].ID == q.State.Field && q.Applies(&q.Fields[i]) {
			return &q.Fields[i]
		}
	}
	return nil
}

// Advance drops the answers of fields that no longer apply and moves to the
// first field that applies and has no answer; false when every one has.
func (q *Questions) Advance() bool {
	if q.State.Ans == nil {
		q.State.Ans = workflow.Answers{}
	}
	for i := range q.Fields {
		if !q.Applies(&q.Fields[i]) {
			delete(q.State.Ans, q.Fields[i].ID)
		}
	}
	for i := range q.Fields {
		f := &q.Fields[i]
		if _, done := q.State.Ans[f.ID]; !done && q.Applies(f) {
			q.State.Field = f.ID
			return true
		}
	}
	q.State.Field = ""
	return false
}

// Progress returns the current field's position among those that apply.
func (q *Questions) Progress() (n, total int) {
	for i := range q.Fields {
		if !q.Applies(&q.Fields[i]) {
			continue
		}
		total++
		if q.Fields[i].ID == q.State.Field {
			n = total
		}
	}
	return n, total
}

// filesFor counts the files already given to a field.
func (q *Questions) filesFor(field string) int {
	n := 0
	for _, f := range q.State.Files {
		if f.Field == field {
			n++
		}
	}
	return n
}

// recheck forgets the answers that a changed date no longer fits (a
// deadline later than the new event date), so they are asked again.
func (q *Questions) recheck(changed *workflow.Field) {
	for i := range q.Fields {
		g := &q.Fields[i]
		if g.NotAfter != changed.ID {
			continue
		}
		if v, ok := q.State.Ans[g.ID]; ok && v > q.State.Ans[changed.ID] {
			delete(q.State.Ans, g.ID)
		}
	}
}

// CaptionOf names the photo whose caption is asked now.
func (q *Questions) CaptionOf(f *workflow.Field) string {
	names := workflow.Values(q.State.Ans[f.CaptionsOf])
	if i := len(q.State.Some); i < len(names) {
		return names[i]
	}
	return ""
}
