package conversations

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ctdesk/conversations/check"
	"ctdesk/conversations/workflow"
)

// defaultMaxText bounds a text answer when the field sets no Max.
const defaultMaxText = 1000

// validate checks an answer to a field, typed (text) or pressed (button,
// the value of the button's code). It returns the value to keep, or a
// message for the person (and the same question is asked again); err is
// only for store failures. A file field (or a text field that takes files)
// returns "" while more files may follow.
func (t *turn) validate(ctx context.Context, q *questions, f *workflow.Field, text, button string) (value, msg string, err error) {
	if !f.TakesFiles() && len(t.ev.Files) > 0 && text == "" {
		return "", t.tr("form.file.notexpected"), nil
	}
	switch f.Kind {
	case workflow.KindText:
		if f.Files {
			return t.textOrFiles(ctx, q, f, text, button)
		}
		return t.validText(f, text)
	case workflow.KindChoice:
		if o, ok := matchOption(t.options(q, f), text, button); ok {
			return o.id, "", nil
		}
		return "", t.tr("form.choice.invalid"), nil
	case workflow.KindYesNo:
		switch {
		case button == "y" || isYes(text):
			return "si", "", nil
		case button == "n" || fold(text) == "no":
			return "no", "", nil
		}
		return "", t.tr("form.yesno.invalid"), nil
	case workflow.KindEmail:
		return t.validEmail(text)
	case workflow.KindURL:
		return t.validURL(text)
	case workflow.KindName:
		return t.validName(f, text)
	case workflow.KindDate:
		d, msg := t.validDate(f, text, button)
		if msg == "" {
			msg = t.lateDate(q, f, d)
		}
		if msg != "" {
			return "", msg, nil
		}
		return d.Format(dateKey), "", nil
	case workflow.KindFile:
		return t.fileAnswer(ctx, q, f, text, button)
	}
	return "", t.tr("form.invalid"), nil
}

func (t *turn) validText(f *workflow.Field, text string) (string, string, error) {
	text = strings.TrimSpace(text)
	if f.Pattern != nil && !f.Pattern.MatchString(text) {
		return "", t.tr(f.Invalid), nil
	}
	if text == "" {
		return "", t.tr("form.text.empty"), nil
	}
	max := f.Max
	if max <= 0 {
		max = defaultMaxText
	}
	if n := utf8.RuneCountInString(text); n > max {
		return "", t.tr("form.text.toolong", max, n), nil
	}
	return text, "", nil
}

// validEmail reads an address by the mail rules (package check). What is
// wrong quotes only what the person typed, and the example is in the
// institution's domain.
func (t *turn) validEmail(text string) (string, string, error) {
	domain := t.e.cfg.MailDomain
	addr, problem := check.Email(text, domain)
	switch {
	case problem == check.EmailOtherDomain:
		return "", t.tr("form.email.domain", domain), nil
	case problem != check.EmailOK && domain != "":
		return "", t.tr("form.email.invalid", typed(text), domain), nil
	case problem != check.EmailOK:
		return "", t.tr("form.email.invalid.any", typed(text)), nil
	}
	return addr, "", nil
}

// validName reads a person's name (package check).
func (t *turn) validName(f *workflow.Field, text string) (string, string, error) {
	name, ok := check.Name(text)
	if !ok {
		key := f.Invalid
		if key == "" {
			key = "form.name.invalid"
		}
		return "", t.tr(key), nil
	}
	return t.validText(f, name)
}

func (t *turn) validURL(text string) (string, string, error) {
	u, ok := check.URL(text)
	if !ok {
		return "", t.tr("form.url.invalid"), nil
	}
	return u, "", nil
}

// maxQuoted bounds what an error message quotes of a typed answer.
const maxQuoted = 80

// typed is what the person typed, as an error message quotes it: trimmed,
// on one line, clipped.
func typed(text string) string {
	s := strings.Join(strings.Fields(text), " ")
	if len(s) > maxQuoted {
		s = clip(s, maxQuoted) + "…"
	}
	return s
}

// validDate reads a date from a day button ("d:yyyy-mm-dd") or typed text;
// msg explains what is wrong.
func (t *turn) validDate(f *workflow.Field, text, button string) (time.Time, string) {
	loc := t.e.cfg.Location
	if d, ok := strings.CutPrefix(button, "d:"); ok {
		today := midnight(t.now.In(loc))
		day, err := time.ParseInLocation(dateKey, d, loc)
		if err == nil && (f.AllowPast || !day.Before(today)) {
			return day, ""
		}
		return time.Time{}, t.tr("form.date.past", today.Format(dateShown))
	}
	return t.parseDate(text, f.AllowPast)
}

// fileAnswer keeps the files of the event for a file field. It returns the
// number of files once the field is complete; "" while more may follow.
func (t *turn) fileAnswer(ctx context.Context, q *questions, f *workflow.Field, text, button string) (string, string, error) {
	if len(t.ev.Files) == 0 {
		if n := q.filesFor(f.ID); n > 0 && (button == "done" || isDone(text)) {
			return strconv.Itoa(n), "", nil
		}
		return "", t.tr("form.file.expected"), nil
	}
	msg, err := t.keepFiles(ctx, q, f, "form.files.got")
	if err != nil || msg != "" || f.Multi {
		return "", msg, err
	}
	return strconv.Itoa(q.filesFor(f.ID)), "", nil
}

// textOrFiles takes a text, or files until «Listo», for a text field that
// takes files (a result typed or sent as a document). A typed text ends
// the answer and keeps the files already sent; «Listo» ends it with the
// files and no text.
func (t *turn) textOrFiles(ctx context.Context, q *questions, f *workflow.Field, text, button string) (string, string, error) {
	switch {
	case len(t.ev.Files) > 0:
		msg, err := t.keepFiles(ctx, q, f, "in.textfiles.got")
		return "", msg, err
	case button == "done" || isDone(text):
		if q.filesFor(f.ID) == 0 {
			return "", t.tr("in.textfiles.expected"), nil
		}
		return "", "", nil
	}
	v, msg, err := t.validText(f, text)
	if msg != "" {
		return "", msg, err
	}
	return v, "", nil
}

// keepFiles stores the files of the event as answers to a field; for a
// field that takes several, it acknowledges them (got) with «Listo».
func (t *turn) keepFiles(ctx context.Context, q *questions, f *workflow.Field, got string) (string, error) {
	for _, in := range t.ev.Files {
		if in.TooBig || len(in.Data) == 0 {
			return t.tr("file.toobig", in.Name), nil
		}
	}
	kept, err := t.storeFiles(ctx, f.ID, t.ev.Files)
	if err != nil {
		return "", err
	}
	q.st.Files = append(q.st.Files, kept...)
	if q.st.Ans == nil {
		q.st.Ans = workflow.Answers{}
	}
	for _, g := range kept {
		q.st.Ans.AddFile(f.ID, g.Name, g.Photo)
	}
	t.dirty = true
	if f.Multi || f.Files {
		names := make([]string, len(kept))
		for i, g := range kept {
			names[i] = g.Name
		}
		t.reply(t.tr(got, strings.Join(names, ", ")), []Button{{Label: t.tr("form.files.done"), Code: q.code("done")}})
	}
	return "", nil
}

func isYes(text string) bool {
	switch fold(text) {
	case "si", "s", "yes", "y", "claro", "de acuerdo":
		return true
	}
	return false
}

func isDone(text string) bool {
	switch fold(text) {
	case "listo", "ya", "termine", "fin", "done":
		return true
	}
	return false
}

// isSkip reports whether a typed answer means "skip this optional question".
func isSkip(text string) bool {
	switch fold(text) {
	case "omitir", "saltar", "ninguno", "ninguna", "no", "n/a", "na", "-", "skip":
		return true
	}
	return false
}
