package conversations

import (
	"slices"
	"strings"
	"time"

	"ctdesk/conversations/workflow"
)

// pickSome takes the answer to a multiple choice: each press adds a choice
// (or takes it back) until «Listo»; a typed list («cartel y banner», «1, 3»)
// answers at once.
func (t *turn) pickSome(q *questions, f *workflow.Field, text, button string) (bool, error) {
	opts := t.options(q, f)
	switch {
	case button == "done" || (button == "" && isDone(text)):
		if len(q.st.Some) == 0 {
			t.reply(t.tr("form.pick.none"))
			t.ask(q)
			return false, nil
		}
		return t.answered(q, f, strings.Join(q.st.Some, "\n"))
	case button != "":
		o, ok := matchOption(opts, "", button)
		if !ok {
			t.reply(t.tr("form.choice.invalid"))
			t.ask(q)
			return false, nil
		}
		q.st.Some = toggle(opts, q.st.Some, o.id)
		t.dirty = true
		if len(q.st.Some) == 0 {
			t.ask(q)
			return false, nil
		}
		t.reply(t.tr("form.pick.got", t.pickedLabels(opts, q.st.Some)), append(t.fieldButtons(q, f), q.foot...)...)
		return false, nil
	}
	picked := q.st.Some
	for _, part := range listParts(text) {
		o, ok := matchOption(opts, part, "")
		if !ok {
			t.reply(t.tr("form.pick.invalid", part))
			t.ask(q)
			return false, nil
		}
		if !slices.Contains(picked, o.id) {
			picked = toggle(opts, picked, o.id)
		}
	}
	if len(picked) == 0 {
		t.reply(t.tr("form.pick.none"))
		t.ask(q)
		return false, nil
	}
	return t.answered(q, f, strings.Join(picked, "\n"))
}

// toggle adds a choice to those picked, or takes it back, keeping the
// options' order.
func toggle(opts []option, picked []string, id string) []string {
	on := !slices.Contains(picked, id)
	var out []string
	for _, o := range opts {
		if (o.id == id && on) || (o.id != id && slices.Contains(picked, o.id)) {
			out = append(out, o.id)
		}
	}
	return out
}

// pickedLabels names the choices picked.
func (t *turn) pickedLabels(opts []option, picked []string) string {
	var labels []string
	for _, o := range opts {
		if slices.Contains(picked, o.id) {
			labels = append(labels, o.label)
		}
	}
	return strings.Join(labels, ", ")
}

// listParts splits a typed list: «cartel, banner y redes», «1 3».
func listParts(text string) []string {
	text = strings.NewReplacer(" y ", ",", " e ", ",", " and ", ",", ";", ",", "\n", ",").Replace(" " + text + " ")
	var out []string
	for _, p := range strings.Split(text, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if fs := strings.Fields(p); len(fs) > 1 && allNumbers(fs) {
			out = append(out, fs...)
			continue
		}
		out = append(out, p)
	}
	return out
}

func allNumbers(fs []string) bool {
	for _, f := range fs {
		if strings.Trim(f, "0123456789") != "" {
			return false
		}
	}
	return true
}

// caption takes the caption of the next photo chosen, until each has one.
func (t *turn) caption(q *questions, f *workflow.Field, text string) (bool, error) {
	names := workflow.Values(q.st.Ans[f.CaptionsOf])
	v, msg, _ := t.validText(f, strings.Join(strings.Fields(text), " "))
	if msg != "" {
		t.reply(msg)
		t.ask(q)
		return false, nil
	}
	q.st.Some = append(q.st.Some, v)
	t.dirty = true
	if len(q.st.Some) < len(names) {
		t.ask(q)
		return false, nil
	}
	return t.answered(q, f, strings.Join(q.st.Some, "\n"))
}

// captionOf names the photo whose caption is asked now.
func captionOf(q *questions, f *workflow.Field) string {
	names := workflow.Values(q.st.Ans[f.CaptionsOf])
	if i := len(q.st.Some); i < len(names) {
		return names[i]
	}
	return ""
}

// recheck forgets the answers that a changed date no longer fits (a
// deadline later than the new event date), so they are asked again.
func (q *questions) recheck(changed *workflow.Field) {
	for i := range q.fields {
		g := &q.fields[i]
		if g.NotAfter != changed.ID {
			continue
		}
		if v, ok := q.st.Ans[g.ID]; ok && v > q.st.Ans[changed.ID] {
			delete(q.st.Ans, g.ID)
		}
	}
}

// lateDate checks a date against the date it may not be later than; msg
// says what is wrong.
func (t *turn) lateDate(q *questions, f *workflow.Field, d time.Time) string {
	if f.NotAfter == "" {
		return ""
	}
	limit, err := time.ParseInLocation(dateKey, q.st.Ans[f.NotAfter], t.e.cfg.Location)
	if err != nil || !d.After(limit) {
		return ""
	}
	return t.tr(f.Invalid, limit.Format(dateShown))
}

// reportMarks marks the files an action keeps that CT chose for the photo
// memory of the report, each with its caption.
func reportMarks(fields []workflow.Field, ans workflow.Answers) map[string]string {
	marks := map[string]string{}
	for _, f := range fields {
		if f.CaptionsOf == "" {
			continue
		}
		names, captions := workflow.Values(ans[f.CaptionsOf]), workflow.Values(ans[f.ID])
		for i, n := range names {
			if i < len(captions) {
				marks[n] = captions[i]
			}
		}
	}
	return marks
}
