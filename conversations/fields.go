package conversations

import (
	"context"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// defaultMaxText bounds a text answer when the field sets no Max.
const defaultMaxText = 1000

// validate checks an answer to a field. It returns the value to keep, or a
// message for the person (and the same question is asked again); err is
// only for store failures.
func (t *turn) validate(ctx context.Context, s *Service, f *Field, text, button string) (value, msg string, err error) {
	if f.Kind != KindFile && len(t.ev.Files) > 0 && text == "" {
		return "", t.tr("form.file.notexpected"), nil
	}
	switch f.Kind {
	case KindText:
		return t.validText(f, text)
	case KindChoice:
		cs := t.choices(s, f)
		if i, err := strconv.Atoi(button); err == nil && i >= 0 && i < len(cs) {
			return cs[i].id, "", nil
		}
		if i, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && i >= 1 && i <= len(cs) {
			return cs[i-1].id, "", nil
		}
		for _, c := range cs {
			if fold(text) != "" && (fold(text) == fold(c.label) || fold(text) == fold(c.id)) {
				return c.id, "", nil
			}
		}
		return "", t.tr("form.choice.invalid"), nil
	case KindYesNo:
		switch {
		case button == "y" || isYes(text):
			return "si", "", nil
		case button == "n" || fold(text) == "no":
			return "no", "", nil
		}
		return "", t.tr("form.yesno.invalid"), nil
	case KindEmail:
		return t.validEmail(text)
	case KindURL:
		return t.validURL(text)
	case KindDate:
		d, msg := t.parseDate(text, f.AllowPast)
		if msg != "" {
			return "", msg, nil
		}
		return d.Format(dateKey), "", nil
	case KindFile:
		return t.fileAnswer(ctx, f, button)
	}
	return "", t.tr("form.invalid"), nil
}

func (t *turn) validText(f *Field, text string) (string, string, error) {
	text = strings.TrimSpace(text)
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

func (t *turn) validEmail(text string) (string, string, error) {
	text = strings.ToLower(strings.TrimSpace(text))
	if t.e.cfg.MailDomain != "" && text != "" && !strings.Contains(text, "@") {
		text += "@" + t.e.cfg.MailDomain
	}
	a, err := mail.ParseAddress(text)
	if err != nil || a.Address != text || a.Name != "" {
		return "", t.tr("form.email.invalid", text), nil
	}
	_, domain, _ := strings.Cut(text, "@")
	if !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") {
		return "", t.tr("form.email.invalid", text), nil
	}
	if d := t.e.cfg.MailDomain; d != "" && !strings.EqualFold(domain, d) {
		return "", t.tr("form.email.domain", d), nil
	}
	return text, "", nil
}

func (t *turn) validURL(text string) (string, string, error) {
	text = strings.TrimSpace(text)
	if text != "" && !strings.Contains(text, "://") {
		text = "https://" + text
	}
	u, err := url.Parse(text)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") {
		return "", t.tr("form.url.invalid"), nil
	}
	return u.String(), "", nil
}

// fileAnswer keeps the files of the event for a file field. It returns the
// value once the field is complete; "" while more files may follow.
func (t *turn) fileAnswer(ctx context.Context, f *Field, button string) (string, string, error) {
	if button == "done" {
		if n := t.filesFor(f.ID); n > 0 {
			return strconv.Itoa(n), "", nil
		}
		return "", t.tr("form.file.expected"), nil
	}
	if len(t.ev.Files) == 0 {
		if t.filesFor(f.ID) > 0 && isDone(t.ev.Text) {
			return strconv.Itoa(t.filesFor(f.ID)), "", nil
		}
		return "", t.tr("form.file.expected"), nil
	}
	for _, in := range t.ev.Files {
		if in.TooBig || len(in.Data) == 0 {
			return "", t.tr("file.toobig", in.Name), nil
		}
	}
	got, err := t.storeFiles(ctx, f.ID, t.ev.Files)
	if err != nil {
		return "", "", err
	}
	t.st.Att = append(t.st.Att, got...)
	t.dirty = true
	if !f.Multi {
		return strconv.Itoa(t.filesFor(f.ID)), "", nil
	}
	names := make([]string, len(got))
	for i, g := range got {
		names[i] = g.Name
	}
	t.reply(t.tr("form.files.got", strings.Join(names, ", ")), []Button{{Label: t.tr("form.files.done"), Code: "f:" + f.ID + ":done"}})
	return "", "", nil
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
