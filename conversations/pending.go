package conversations

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ctdesk/storage"
)

// askPending asks for the input of the action whose button was pressed.
func (t *turn) askPending(ctx context.Context) error {
	p := t.st.Pend
	tk, a, ok, err := t.pendingAction(ctx)
	if err != nil || !ok {
		return err
	}
	lang := t.lang
	key := pick(lang, tk.Service+".in."+a.ID, "in."+a.ID, "in.text")
	var bs [][]Button
	switch a.Input {
	case InputDate, InputDateNote, InputDateText:
		if p.Date != "" {
			after := "in.reason"
			if a.Input == InputDateText {
				after = "in.text"
			}
			key = pick(lang, tk.Service+".in."+a.ID+".reason", after)
			break
		}
		key = pick(lang, tk.Service+".in."+a.ID, "in."+a.ID, "in.date")
		var row []Button
		for _, d := range t.nextBusinessDays(5) {
			row = append(row, Button{Label: d.Format("02/01"), Code: "p:d:" + d.Format(dateKey)})
			if len(row) == 3 {
				bs = append(bs, row)
				row = nil
			}
		}
		if len(row) > 0 {
			bs = append(bs, row)
		}
	case InputFiles:
		key = pick(lang, tk.Service+".in."+a.ID, "in."+a.ID, "in.files")
		if len(p.Files) > 0 {
			bs = append(bs, []Button{{Label: t.tr("form.files.done"), Code: "p:done"}})
		}
	case InputTextOpt:
		bs = append(bs, []Button{{Label: t.tr("form.skip"), Code: "p:skip"}})
	case InputTextFiles:
		key = pick(lang, tk.Service+".in."+a.ID, "in."+a.ID, "in.textfiles")
		if len(p.Files) > 0 {
			bs = append(bs, []Button{{Label: t.tr("form.files.done"), Code: "p:done"}})
		}
	case InputURL:
		key = pick(lang, tk.Service+".in."+a.ID, "in."+a.ID, "in.url")
	case InputChoice, InputPick:
		for i, c := range t.pendingChoices(tk, a) {
			bs = append(bs, []Button{{Label: c.label, Code: "p:k:" + strconv.Itoa(i)}})
		}
	case InputAssignee:
		key = pick(lang, "in."+a.ID, "in.assignee")
		for _, p := range t.dir.WithRole(storage.RoleTecnico, storage.RoleCoordinador) {
			bs = append(bs, []Button{{Label: p.Name, Code: "p:as:" + p.ID}})
		}
	}
	bs = append(bs, []Button{{Label: t.tr("form.cancel"), Code: "p:cancel"}})
	t.reply(t.tr("pending.head", tk.Folio, t.actionLabel(t.who.ID, tk.Service, a.ID))+"\n"+t.tr(key), bs...)
	return nil
}

// pendingAction reloads the pending action's ticket and checks that it may
// still apply; when not, the pending input is dropped with an explanation.
func (t *turn) pendingAction(ctx context.Context) (*storage.Ticket, *Action, bool, error) {
	p := t.st.Pend
	tk, err := t.ticket(ctx, p.Folio)
	if err != nil && !notFound(err) {
		return nil, nil, false, err
	}
	var a *Action
	ok := err == nil
	if ok {
		svc := t.e.services[tk.Service]
		a, ok = svc.action(p.Action)
		ok = ok && len(tk.History) == p.Step && a.can(tk) && t.policy().May(a.Who, tk, t.who)
	}
	if !ok {
		t.st.Pend = nil
		t.dirty = true
		t.reply(t.tr("pending.stale", p.Folio))
		return nil, nil, false, t.reask(ctx)
	}
	return tk, a, true, nil
}

// pendingInput takes the input of the pending action, typed or pressed.
func (t *turn) pendingInput(ctx context.Context, text, button string) error {
	if button == "cancel" {
		t.cancel()
		return nil
	}
	p := t.st.Pend
	tk, a, ok, err := t.pendingAction(ctx)
	if err != nil || !ok {
		return err
	}
	ac := &ActionCtx{}
	switch a.Input {
	case InputText, InputTextOpt:
		if len(t.ev.Files) > 0 && text == "" {
			t.reply(t.tr("form.file.notexpected"))
			return t.askPending(ctx)
		}
		if a.Input == InputTextOpt && (button == "skip" || isSkip(text)) {
			break
		}
		v, msg, _ := t.validText(&Field{Max: 2000}, text)
		if msg != "" {
			t.reply(msg)
			return t.askPending(ctx)
		}
		ac.Text = v
	case InputDate, InputDateNote, InputDateText:
		if p.Date == "" {
			d, msg := t.pendingDate(text, button)
			if msg != "" {
				t.reply(msg)
				return t.askPending(ctx)
			}
			if a.Input == InputDateText || (a.Input == InputDateNote && len(tk.Dates) > 0) {
				p.Date = d.Format(dateKey)
				t.dirty = true
				return t.askPending(ctx)
			}
			ac.Date = d
			break
		}
		v, msg, _ := t.validText(&Field{Max: 1000}, text)
		if msg != "" {
			t.reply(msg)
			return t.askPending(ctx)
		}
		ac.Date, _ = time.ParseInLocation(dateKey, p.Date, t.e.cfg.Location)
		ac.Text = v
	case InputFiles:
		done, msg, err := t.pendingFiles(ctx, text, button, "form.files.got")
		if err != nil {
			return err
		}
		if msg != "" {
			t.reply(msg)
			return t.askPending(ctx)
		}
		if !done {
			return nil
		}
		ac.Files = t.pendingAttachments(a)
		if text != "" && !isDone(text) {
			ac.Text = text
		}
	case InputTextFiles:
		done, msg, err := t.pendingTextFiles(ctx, ac, a, text, button)
		if err != nil {
			return err
		}
		if msg != "" {
			t.reply(msg)
			return t.askPending(ctx)
		}
		if !done {
			return nil
		}
	case InputURL:
		v, msg, _ := t.validURL(text)
		if msg != "" {
			t.reply(msg)
			return t.askPending(ctx)
		}
		ac.Text = v
	case InputChoice, InputPick:
		c, ok := t.pendingChoice(tk, a, text, button)
		if !ok {
			t.reply(t.tr("form.choice.invalid"))
			return t.askPending(ctx)
		}
		ac.Text, ac.Note = c.id, c.note
	case InputAssignee:
		id := strings.TrimPrefix(button, "as:")
		if button == "" {
			id = t.matchStaff(text)
		}
		if q, ok := t.dir.person(id); !ok || !q.Role.IsStaff() {
			t.reply(t.tr("in.assignee.invalid"))
			return t.askPending(ctx)
		}
		ac.Text = id
	}
	t.st.Pend = nil
	t.dirty = true
	if err := t.apply(ctx, tk, a, ac, p.Pressed); err != nil {
		return err
	}
	if t.st.Svc != "" {
		return t.reask(ctx)
	}
	return nil
}

// pendingDate reads a committed date from a date button or typed text.
func (t *turn) pendingDate(text, button string) (time.Time, string) {
	if d, ok := strings.CutPrefix(button, "d:"); ok {
		day, err := time.ParseInLocation(dateKey, d, t.e.cfg.Location)
		if err == nil && !day.Before(midnight(t.now.In(t.e.cfg.Location))) {
			return day, ""
		}
		return time.Time{}, t.tr("form.date.past", t.now.In(t.e.cfg.Location).Format(dateShown))
	}
	return t.parseDate(text, false)
}

// pendingFiles collects files for an action; done when the person says so.
// got is the text that acknowledges the files received.
func (t *turn) pendingFiles(ctx context.Context, text, button, got string) (done bool, msg string, err error) {
	p := t.st.Pend
	if len(t.ev.Files) == 0 {
		if len(p.Files) > 0 && (button == "done" || isDone(text)) {
			return true, "", nil
		}
		return false, t.tr("form.file.expected"), nil
	}
	for _, in := range t.ev.Files {
		if in.TooBig || len(in.Data) == 0 {
			return false, t.tr("file.toobig", in.Name), nil
		}
	}
	kept, err := t.storeFiles(ctx, p.Action, t.ev.Files)
	if err != nil {
		return false, "", err
	}
	p.Files = append(p.Files, kept...)
	t.dirty = true
	names := make([]string, len(kept))
	for i, g := range kept {
		names[i] = g.Name
	}
	t.reply(t.tr(got, strings.Join(names, ", ")), []Button{{Label: t.tr("form.files.done"), Code: "p:done"}})
	return false, "", nil
}

// matchStaff finds a staff member by a typed name or id.
func (t *turn) matchStaff(text string) string {
	n := fold(text)
	for _, p := range t.dir.WithRole(storage.RoleTecnico, storage.RoleCoordinador) {
		if n == fold(p.ID) || n == fold(p.Name) || n == fold(firstName(p.Name)) {
			return p.ID
		}
	}
	return ""
}

// nextBusinessDays offers the next working days for a date picker.
func (t *turn) nextBusinessDays(n int) []time.Time {
	return t.e.cfg.Calendar.NextBusinessDays(t.now, n)
}
