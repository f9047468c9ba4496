package ask

import (
	"slices"
	"strconv"
	"strings"

	"ctdesk/conversations/check"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
)

// Option is one answer a choice offers.
type Option struct {
	ID    string   // kept as the answer
	Label string   // shown on its button, in the reader's language
	Note  string   // written in the history and the bitácora
	Alias []string // may be typed for it too (a first name)
}

// Options lists a choice field's options: the service's own, the
// directory's areas, the people a ticket may be assigned to, or the files
// an action of the ticket sent the last time it applied.
func (q *Questions) Options(env *Env, f *workflow.Field) []Option {
	var out []Option
	switch {
	case f.AreaChoice:
		for _, a := range env.Areas() {
			out = append(out, Option{ID: a.ID, Label: a.Name, Note: a.Name})
		}
	case f.StaffChoice:
		for _, p := range env.Assignable() {
			out = append(out, Option{ID: p.ID, Label: p.Name, Note: p.Name, Alias: []string{check.FirstName(p.Name)}})
		}
	case f.PhotosOf != "":
		for _, n := range q.State.Ans.Photos(f.PhotosOf) {
			out = append(out, Option{ID: n, Label: n, Note: n})
		}
	case f.FilesOf != "":
		if q.Ticket != nil {
			for i, a := range workflow.LastFiles(q.Ticket, f.FilesOf) {
				out = append(out, Option{ID: a.Name, Label: strconv.Itoa(i+1) + ". " + a.Name, Note: a.Name})
			}
		}
	default:
		for _, c := range f.Choices {
			key := q.Svc + "." + f.ID + "." + c
			out = append(out, Option{ID: c, Label: env.tr(key), Note: texts.Text(env.Language, key)})
		}
	}
	return out
}

// Match reads the option pressed (button: its index) or typed (its
// number as shown, counting from 1, its label, id or an alias, however
// accented or capitalised). Every choice that says «escribe su número» —
// a form's, an action's, a registration's, the menu — is read here.
func Match(opts []Option, text, button string) (Option, bool) {
	if button != "" {
		if i, err := strconv.Atoi(button); err == nil && i >= 0 && i < len(opts) {
			return opts[i], true
		}
		return Option{}, false
	}
	if i, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && i >= 1 && i <= len(opts) {
		return opts[i-1], true
	}
	n := check.Fold(text)
	for _, o := range opts {
		if n != "" && (n == check.Fold(o.Label) || n == check.Fold(o.ID) || slices.ContainsFunc(o.Alias, func(a string) bool { return n == check.Fold(a) })) {
			return o, true
		}
	}
	return Option{}, false
}

// InputKey is the catalog key of the question a field of this kind asks
// when the action names none of its own.
func InputKey(f *workflow.Field) string {
	switch {
	case f.Kind == workflow.KindDate:
		return "in.date"
	case f.Kind == workflow.KindFile:
		return "in.files"
	case f.Kind == workflow.KindURL:
		return "in.url"
	case f.Files:
		return "in.textfiles"
	case f.StaffChoice:
		return "in.assignee"
	}
	return "in.text"
}
