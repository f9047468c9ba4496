package conversations

import (
	"slices"
	"strconv"
	"strings"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
)

// option is one answer a choice field offers.
type option struct {
	id    string   // kept as the answer
	label string   // shown on its button, in the reader's language
	note  string   // written in the history and the bitácora
	alias []string // may be typed for it too (a first name)
}

// options lists a choice field's options: the service's own, the
// directory's areas, the people a ticket may be assigned to, or the files
// an action of the ticket sent the last time it applied.
func (t *turn) options(q *questions, f *workflow.Field) []option {
	var out []option
	switch {
	case f.AreaChoice:
		for _, a := range t.dir.Areas() {
			out = append(out, option{id: a.ID, label: a.Name, note: a.Name})
		}
	case f.StaffChoice:
		for _, p := range t.policy().Assignable() {
			out = append(out, option{id: p.ID, label: p.Name, note: p.Name, alias: []string{firstName(p.Name)}})
		}
	case f.PhotosOf != "":
		for _, n := range q.st.Ans.Photos(f.PhotosOf) {
			out = append(out, option{id: n, label: n, note: n})
		}
	case f.FilesOf != "":
		if q.tk != nil {
			for i, a := range workflow.LastFiles(q.tk, f.FilesOf) {
				out = append(out, option{id: a.Name, label: strconv.Itoa(i+1) + ". " + a.Name, note: a.Name})
			}
		}
	default:
		for _, c := range f.Choices {
			key := q.svc + "." + f.ID + "." + c
			out = append(out, option{id: c, label: t.tr(key), note: texts.Text(t.e.cfg.Language, key)})
		}
	}
	return out
}

// matchOption reads the option pressed (button: its index) or typed (its
// number as shown, counting from 1, its label, id or an alias, however
// accented or capitalised). Every choice that says «escribe su número» —
// a form's, an action's, a registration's, the menu — is read here.
func matchOption(opts []option, text, button string) (option, bool) {
	if button != "" {
		if i, err := strconv.Atoi(button); err == nil && i >= 0 && i < len(opts) {
			return opts[i], true
		}
		return option{}, false
	}
	if i, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && i >= 1 && i <= len(opts) {
		return opts[i-1], true
	}
	n := fold(text)
	for _, o := range opts {
		if n != "" && (n == fold(o.label) || n == fold(o.id) || slices.ContainsFunc(o.alias, func(a string) bool { return n == fold(a) })) {
			return o, true
		}
	}
	return option{}, false
}
