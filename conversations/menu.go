package conversations

import (
	"context"
	"strings"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/staff"
)

// menu offers the five services and the person's own requests.
func (t *turn) menu() {
	var rows [][]Button
	var last []Button
	for _, o := range t.menuEntries() {
		b := Button{Label: o.label, Code: chat.Code(chat.KindMenu, o.id)}
		if _, svc := t.e.services[o.id]; svc {
			rows = append(rows, []Button{b})
		} else {
			last = append(last, b)
		}
	}
	rows = append(rows, last)
	t.reply(t.tr("menu.title", firstName(t.who.Name)), rows...)
}

// menuEntries are the menu's buttons in the order shown, as options whose
// id is what the button runs: the services, then CT's queue (for those
// who may see it), the person's requests and help.
func (t *turn) menuEntries() []option {
	var out []option
	for _, id := range t.e.order {
		out = append(out, option{id: id, label: t.serviceName(id), alias: []string{t.tr("svc." + id + ".short")}})
	}
	if policy.MayUse(policy.Queue, t.who) {
		out = append(out, option{id: "queue", label: t.tr("menu.queue"), alias: []string{"cola"}})
	}
	return append(out,
		option{id: "mine", label: t.tr("menu.mine"), alias: []string{"mis solicitudes", "solicitudes"}},
		option{id: "help", label: t.tr("menu.help"), alias: []string{"ayuda", "help"}})
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
	o, ok := matchOption(t.menuEntries(), text, "")
	if !ok {
		return false, nil
	}
	return true, t.menuButton(ctx, o.id)
}

// serviceName is a service's name in the current language.
func (t *turn) serviceName(id string) string { return t.tr("svc." + id) }

// firstName returns the first word of a name.
func firstName(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return first
}
