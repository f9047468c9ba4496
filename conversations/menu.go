package conversations

import (
	"context"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/check"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/staff"
)

// menu offers the five services and the person's own requests.
func (t *turn) menu() {
	var rows [][]Button
	var last []Button
	for _, o := range t.menuEntries() {
		b := Button{Label: o.Label, Code: chat.Code(chat.KindMenu, o.ID)}
		if _, svc := t.e.services[o.ID]; svc {
			rows = append(rows, []Button{b})
		} else {
			last = append(last, b)
		}
	}
	rows = append(rows, last)
	t.reply(t.tr("menu.title", check.FirstName(t.who.Name)), rows...)
}

// menuEntries are the menu's buttons in the order shown, as options whose
// id is what the button runs: the services, then CT's queue (for those
// who may see it), the person's requests and help.
func (t *turn) menuEntries() []ask.Option {
	var out []ask.Option
	for _, id := range t.e.order {
		out = append(out, ask.Option{ID: id, Label: t.serviceName(id), Alias: []string{t.tr("svc." + id + ".short")}})
	}
	if policy.MayUse(policy.Queue, t.who) {
		out = append(out, ask.Option{ID: "queue", Label: t.tr("menu.queue"), Alias: []string{"cola"}})
	}
	return append(out,
		ask.Option{ID: "mine", Label: t.tr("menu.mine"), Alias: []string{"mis solicitudes", "solicitudes"}},
		ask.Option{ID: "help", Label: t.tr("menu.help"), Alias: []string{"ayuda", "help"}})
}

// help explains what the bot does and its commands.
func (t *turn) help() {
	text := t.tr("help.text")
	if policy.MayUse(policy.Queue, t.who) {
		text += "\n\n" + t.tr("help.staff")
	}
	if policy.MayUse(policy.Report, t.who) {
		text += "\n\n" + t.tr("help.coord")
	}
	t.reply(text)
}

// menuButton runs a menu button ("m:...").
func (t *turn) menuButton(ctx context.Context, what string) error {
	switch what {
	case "mine":
		return t.mine(ctx)
	case "help":
		t.help()
		return nil
	case "queue":
		return t.staff(ctx, staff.Queue, "")
	case "menu":
		t.menu()
		return nil
	}
	if _, ok := t.e.services[what]; !ok {
		t.notice = t.tr("button.stale")
		t.menu()
		return nil
	}
	if !t.st.idle() {
		if t.st.Svc == what {
			t.notice = t.tr("form.already")
			return t.reask(ctx)
		}
		t.reply(t.tr("menu.inprogress"))
		return t.reask(ctx)
	}
	return t.startForm(what)
}

// typedMenu understands a menu entry typed instead of pressed: its
// number, its name or a short name.
func (t *turn) typedMenu(ctx context.Context, text string) (bool, error) {
	o, ok := ask.Match(t.menuEntries(), text, "")
	if !ok {
		return false, nil
	}
	return true, t.menuButton(ctx, o.ID)
}

// serviceName is a service's name in the current language.
func (t *turn) serviceName(id string) string { return t.tr("svc." + id) }
