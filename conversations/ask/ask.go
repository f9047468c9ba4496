package ask

import (
	"context"
	"slices"
	"strconv"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
)

// Ask asks the current question with its buttons.
func (q *Questions) Ask(env *Env) {
	f := q.Current()
	if f == nil {
		return
	}
	env.Reply(q.Prompt(f), append(q.fieldButtons(env, f), q.Foot...)...)
}

// Answer takes the answer to the current question. It reports done once
// every question that applies is answered; until then it has said what
// comes next: the next question, the same one again with what was wrong,
// or nothing while more files may follow.
func (q *Questions) Answer(ctx context.Context, env *Env, text, button string) (done bool, err error) {
	f := q.Current()
	if f == nil {
		env.Changed()
		if !q.Advance() {
			return true, nil
		}
		q.Ask(env)
		return false, nil
	}
	if button == "skip" || (button == "" && f.Optional && isSkip(text) && len(env.Files) == 0) {
		if !f.Optional {
			env.Reply(env.tr("form.required"))
			q.Ask(env)
			return false, nil
		}
		return q.answered(env, f, "")
	}
	switch {
	case f.Kind == workflow.KindChoice && f.Multi:
		return q.pickSome(env, f, text, button)
	case f.CaptionsOf != "":
		return q.caption(env, f, text)
	}
	value, msg, err := q.validate(ctx, env, f, text, button)
	switch {
	case err != nil:
		return false, err
	case msg != "":
		env.Reply(msg)
		q.Ask(env)
		return false, nil
	case value == "" && f.TakesFiles() && len(env.Files) > 0:
		return false, nil // files were added; more may follow
	}
	return q.answered(env, f, value)
}

// answered keeps a field's value and asks what comes next, if anything.
func (q *Questions) answered(env *Env, f *workflow.Field, value string) (bool, error) {
	if q.State.Ans == nil {
		q.State.Ans = workflow.Answers{}
	}
	q.State.Ans[f.ID] = value
	q.State.Some = nil
	env.Changed()
	q.recheck(f)
	if q.Advance() {
		q.Ask(env)
		return false, nil
	}
	return true, nil
}

// fieldButtons are the buttons that answer a field.
func (q *Questions) fieldButtons(env *Env, f *workflow.Field) [][]chat.Button {
	var rows [][]chat.Button
	switch f.Kind {
	case workflow.KindChoice:
		for i, o := range q.Options(env, f) {
			label := o.Label
			if slices.Contains(q.State.Some, o.ID) {
				label = "✓ " + label
			}
			rows = append(rows, []chat.Button{{Label: label, Code: q.Code(strconv.Itoa(i))}})
		}
		if f.Multi && len(q.State.Some) > 0 {
			rows = append(rows, []chat.Button{{Label: env.tr("form.files.done"), Code: q.Code("done")}})
		}
	case workflow.KindYesNo:
		rows = append(rows, []chat.Button{{Label: env.tr("yes"), Code: q.Code("y")}, {Label: env.tr("no"), Code: q.Code("n")}})
	case workflow.KindDate:
		rows = chat.Rows(q.dayButtons(env, f.Days), 3)
	}
	files := f.TakesFiles() && q.filesFor(f.ID) > 0
	if files {
		rows = append(rows, []chat.Button{{Label: env.tr("form.files.done"), Code: q.Code("done")}})
	}
	if f.Optional && !files && len(q.State.Some) == 0 {
		rows = append(rows, []chat.Button{{Label: env.tr("form.skip"), Code: q.Code("skip")}})
	}
	return rows
}

// dayButtons offer the next n business days for a date.
func (q *Questions) dayButtons(env *Env, n int) []chat.Button {
	var bs []chat.Button
	for _, d := range env.Calendar.NextBusinessDays(env.Now, n) {
		bs = append(bs, chat.Button{Label: d.Format("02/01"), Code: q.Code("d:" + d.Format(DateKey))})
	}
	return bs
}
