package ask

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"ctdesk/conversations/check"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/calendar"
)

// validate checks an answer to a field, typed (text) or pressed (button,
// the value of the button's code). It returns the value to keep, or a
// message for the person (and the same question is asked again); err is
// only for store failures. A file field (or a text field that takes files)
// returns "" while more files may follow.
func (q *Questions) validate(ctx context.Context, env *Env, f *workflow.Field, text, button string) (value, msg string, err error) {
	if !f.TakesFiles() && len(env.Files) > 0 && text == "" {
		return "", env.tr("form.file.notexpected"), nil
	}
	switch f.Kind {
	case workflow.KindText:
		if f.Files {
			return q.textOrFiles(ctx, env, f, text, button)
		}
		return ValidText(env, f, text)
	case workflow.KindChoice:
		if o, ok := Match(q.Options(env, f), text, button); ok {
			return o.ID, "", nil
		}
		return "", env.tr("form.choice.invalid"), nil
	case workflow.KindYesNo:
		switch {
		case button == "y" || isYes(text):
			return "si", "", nil
		case button == "n" || check.Fold(text) == "no":
			return "no", "", nil
		}
		return "", env.tr("form.yesno.invalid"), nil
	case workflow.KindEmail:
		return validEmail(env, text)
	case workflow.KindURL:
		return validURL(env, text)
	case workflow.KindName:
		return validName(env, f, text)
	case workflow.KindDate:
		d, msg := validDate(env, f, text, button)
		if msg == "" {
			msg = q.lateDate(env, f, d)
		}
		if msg != "" {
			return "", msg, nil
		}
		return d.Format(DateKey), "", nil
	case workflow.KindFile:
		return q.fileAnswer(ctx, env, f, text, button)
	}
	return "", env.tr("form.invalid"), nil
}

// ValidText reads a text answer: trimmed, not empty, within the field's
// pattern and length.
func ValidText(env *Env, f *workflow.Field, text string) (string, string, error) {
	text = strings.TrimSpace(text)
	if f.Pattern != nil && !f.Pattern.MatchString(text) {
		return "", env.tr(f.Invalid), nil
	}
	if text == "" {
		return "", env.tr("form.text.empty"), nil
	}
	max := f.Max
	if max <= 0 {
		max = MaxText
	}
	if n := utf8.RuneCountInString(text); n > max {
		return "", env.tr("form.text.toolong", max, n), nil
	}
	return text, "", nil
}

// validEmail reads an address by the mail rules (package check). What is
// wrong quotes only what the person typed, and the example is in the
// institution's domain.
func validEmail(env *Env, text string) (string, string, error) {
	domain := env.MailDomain
	addr, problem := check.Email(text, domain)
	switch {
	case problem == check.EmailOtherDomain:
		return "", env.tr("form.email.domain", domain), nil
	case problem != check.EmailOK && domain != "":
		return "", env.tr("form.email.invalid", typed(text), domain), nil
	case problem != check.EmailOK:
		return "", env.tr("form.email.invalid.any", typed(text)), nil
	}
	return addr, "", nil
}

// validName reads a person's name (package check).
func validName(env *Env, f *workflow.Field, text string) (string, string, error) {
	name, ok := check.Name(text)
	if !ok {
		key := f.Invalid
		if key == "" {
			key = "form.name.invalid"
		}
		return "", env.tr(key), nil
	}
	return ValidText(env, f, name)
}

func validURL(env *Env, text string) (string, string, error) {
	u, ok := check.URL(text)
	if !ok {
		return "", env.tr("form.url.invalid"), nil
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
		s = check.Clip(s, maxQuoted) + "…"
	}
	return s
}

// validDate reads a date from a day button ("d:yyyy-mm-dd") or typed text;
// msg explains what is wrong.
func validDate(env *Env, f *workflow.Field, text, button string) (time.Time, string) {
	loc := env.Location
	today := midnight(env.Now.In(loc))
	if d, ok := strings.CutPrefix(button, "d:"); ok {
		day, err := time.ParseInLocation(DateKey, d, loc)
		if err == nil && (f.AllowPast || !day.Before(today)) {
			return day, ""
		}
		return time.Time{}, env.tr("form.date.past", today.Format(dateShown))
	}
	d, err := calendar.ParseDate(strings.TrimSpace(text), env.Now.In(loc), loc)
	if err != nil {
		return time.Time{}, env.tr("form.date.invalid")
	}
	if !f.AllowPast && d.Before(today) {
		return time.Time{}, env.tr("form.date.past", today.Format(dateShown))
	}
	return d, ""
}

// midnight is the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// lateDate checks a date against the date it may not be later than; msg
// says what is wrong.
func (q *Questions) lateDate(env *Env, f *workflow.Field, d time.Time) string {
	if f.NotAfter == "" {
		return ""
	}
	limit, err := time.ParseInLocation(DateKey, q.State.Ans[f.NotAfter], env.Location)
	if err != nil || !d.After(limit) {
		return ""
	}
	return env.tr(f.Invalid, limit.Format(dateShown))
}

func isYes(text string) bool {
	switch check.Fold(text) {
	case "si", "s", "yes", "y", "claro", "de acuerdo":
		return true
	}
	return false
}

func isDone(text string) bool {
	switch check.Fold(text) {
	case "listo", "ya", "termine", "fin", "done":
		return true
	}
	return false
}

// isSkip reports whether a typed answer means "skip this optional question".
func isSkip(text string) bool {
	switch check.Fold(text) {
	case "omitir", "saltar", "ninguno", "ninguna", "no", "n/a", "na", "-", "skip":
		return true
	}
	return false
}
