package conversations

import (
	"context"
	"fmt"
	"strconv"
)

// startForm begins the form of a service.
func (t *turn) startForm(svc string) error {
	s := t.e.services[svc]
	if !s.Ready {
		t.reply(t.tr("svc.notready", t.serviceName(svc)))
		t.menu()
		return nil
	}
	t.setState(dialogState{Svc: svc, Ans: Answers{}})
	t.reply(t.tr("form.start", t.serviceName(svc)))
	t.next()
	return nil
}

// next moves to the first unanswered field that applies, or to the summary.
func (t *turn) next() {
	s := t.e.services[t.st.Svc]
	for i := range s.Fields {
		f := &s.Fields[i]
		if !t.applies(f) {
			continue
		}
		if _, done := t.st.Ans[f.ID]; done {
			continue
		}
		t.st.Field = f.ID
		t.dirty = true
		t.ask()
		return
	}
	t.st.Field = ""
	t.st.Confirm = true
	t.st.Editing = false
	t.dirty = true
	t.summary()
}

// applies reports whether a field is asked given the answers so far.
func (t *turn) applies(f *Field) bool { return f.When == nil || f.When(t.st.Ans) }

// ask asks the current field again, with its buttons.
func (t *turn) ask() {
	s := t.e.services[t.st.Svc]
	f, ok := s.field(t.st.Field)
	if !ok {
		t.next()
		return
	}
	n, total := t.progress()
	q := t.tr(s.ID + "." + f.ID + ".q")
	if f.Optional {
		q += " " + t.tr("form.optional")
	}
	t.reply(fmt.Sprintf("(%d/%d) %s", n, total, q), t.fieldButtons(s, f)...)
}

// progress returns the current field's position among those that apply.
func (t *turn) progress() (n, total int) {
	s := t.e.services[t.st.Svc]
	for i := range s.Fields {
		if !t.applies(&s.Fields[i]) {
			continue
		}
		total++
		if s.Fields[i].ID == t.st.Field {
			n = total
		}
	}
	return n, total
}

// fieldButtons are the buttons that answer a field.
func (t *turn) fieldButtons(s *Service, f *Field) [][]Button {
	var rows [][]Button
	code := "f:" + f.ID + ":"
	switch f.Kind {
	case KindChoice:
		for i, c := range t.choices(s, f) {
			rows = append(rows, []Button{{Label: c.label, Code: code + strconv.Itoa(i)}})
		}
	case KindYesNo:
		rows = append(rows, []Button{{Label: t.tr("yes"), Code: code + "y"}, {Label: t.tr("no"), Code: code + "n"}})
	case KindFile:
		if t.filesFor(f.ID) > 0 {
			rows = append(rows, []Button{{Label: t.tr("form.files.done"), Code: code + "done"}})
		}
	}
	if f.Optional && !(f.Kind == KindFile && t.filesFor(f.ID) > 0) {
		rows = append(rows, []Button{{Label: t.tr("form.skip"), Code: code + "skip"}})
	}
	return rows
}

// choice is an option of a choice field.
type choice struct{ id, label string }

// choices lists a choice field's options in the current language.
func (t *turn) choices(s *Service, f *Field) []choice {
	if f.AreaChoice {
		var out []choice
		for _, a := range t.dir.sortedAreas() {
			out = append(out, choice{a.ID, a.Name})
		}
		return out
	}
	out := make([]choice, len(f.Choices))
	for i, c := range f.Choices {
		out[i] = choice{c, t.tr(s.ID + "." + f.ID + "." + c)}
	}
	return out
}

// filesFor counts the files already given to a field.
func (t *turn) filesFor(field string) int {
	n := 0
	for _, f := range t.st.Att {
		if f.Field == field {
			n++
		}
	}
	return n
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
	s := t.e.services[t.st.Svc]
	f, ok := s.field(t.st.Field)
	if !ok {
		t.next()
		return nil
	}
	if button == "skip" || (button == "" && f.Optional && isSkip(text) && len(t.ev.Files) == 0) {
		if !f.Optional {
			t.reply(t.tr("form.required"))
			t.ask()
			return nil
		}
		t.answer(f, "")
		return nil
	}
	value, msg, err := t.validate(ctx, s, f, text, button)
	if err != nil {
		return err
	}
	if msg != "" {
		t.reply(msg)
		t.ask()
		return nil
	}
	if f.Kind == KindFile && value == "" {
		return nil // a file was added; more may follow
	}
	t.answer(f, value)
	return nil
}

// answer records a field's value and moves on.
func (t *turn) answer(f *Field, value string) {
	t.st.Ans[f.ID] = value
	t.dirty = true
	// Answers of fields that no longer apply are dropped.
	s := t.e.services[t.st.Svc]
	for i := range s.Fields {
		g := &s.Fields[i]
		if !t.applies(g) {
			delete(t.st.Ans, g.ID)
		}
	}
	if t.st.Editing {
		t.st.Editing = false
		for i := range s.Fields {
			g := &s.Fields[i]
			if _, done := t.st.Ans[g.ID]; !done && t.applies(g) {
				t.next() // a newly applicable field is asked before the summary
				return
			}
		}
		t.st.Confirm = true
		t.st.Field = ""
		t.summary()
		return
	}
	t.next()
}

// isSkip reports whether a typed answer means "skip this optional question".
func isSkip(text string) bool {
	switch fold(text) {
	case "omitir", "saltar", "ninguno", "ninguna", "no", "n/a", "na", "-", "skip":
		return true
	}
	return false
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
