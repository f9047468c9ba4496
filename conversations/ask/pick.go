package ask

import (
	"slices"
	"strings"

	"ctdesk/conversations/workflow"
)

// pickSome takes the answer to a multiple choice: each press adds a choice
// (or takes it back) until «Listo»; a typed list («cartel y banner», «1, 3»)
// answers at once.
func (q *Questions) pickSome(env *Env, f *workflow.Field, text, button string) (bool, error) {
	opts := q.Options(env, f)
	switch {
	case button == "done" || (button == "" && isDone(text)):
		if len(q.State.Some) == 0 {
			return q.again(env, env.tr("form.pick.none"))
		}
		return q.answered(env, f, strings.Join(q.State.Some, "\n"))
	case button != "":
		o, ok := Match(opts, "", button)
		if !ok {
			return q.again(env, env.tr("form.choice.invalid"))
		}
		q.State.Some = toggle(opts, q.State.Some, o.ID)
		env.Changed()
		if len(q.State.Some) == 0 {
			q.Ask(env)
			return false, nil
		}
		env.Reply(env.tr("form.pick.got", pickedLabels(opts, q.State.Some)), append(q.fieldButtons(env, f), q.Foot...)...)
		return false, nil
	}
	picked := q.State.Some
	for _, part := range listParts(text) {
		o, ok := Match(opts, part, "")
		if !ok {
			return q.again(env, env.tr("form.pick.invalid", part))
		}
		if !slices.Contains(picked, o.ID) {
			picked = toggle(opts, picked, o.ID)
		}
	}
	if len(picked) == 0 {
		return q.again(env, env.tr("form.pick.none"))
	}
	return q.answered(env, f, strings.Join(picked, "\n"))
}

// again says what was wrong and asks the same question again.
func (q *Questions) again(env *Env, msg string) (bool, error) {
	env.Reply(msg)
	q.Ask(env)
	return false, nil
}

// toggle adds a choice to those picked, or takes it back, keeping the
// options' order.
func toggle(opts []Option, picked []string, id string) []string {
	on := !slices.Contains(picked, id)
	var out []string
	for _, o := range opts {
		if (o.ID == id && on) || (o.ID != id && slices.Contains(picked, o.ID)) {
			out = append(out, o.ID)
		}
	}
	return out
}

// pickedLabels names the choices picked.
func pickedLabels(opts []Option, picked []string) string {
	var labels []string
	for _, o := range opts {
		if slices.Contains(picked, o.ID) {
			labels = append(labels, o.Label)
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
func (q *Questions) caption(env *Env, f *workflow.Field, text string) (bool, error) {
	names := workflow.Values(q.State.Ans[f.CaptionsOf])
	v, msg, _ := ValidText(env, f, strings.Join(strings.Fields(text), " "))
	if msg != "" {
		return q.again(env, msg)
	}
	q.State.Some = append(q.State.Some, v)
	env.Changed()
	if len(q.State.Some) < len(names) {
		q.Ask(env)
		return false, nil
	}
	return q.answered(env, f, strings.Join(q.State.Some, "\n"))
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
