package conversations

import (
	"context"
	"strings"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/staff"
)

// menu offers the five services and the person's own requests.
func (t *turn) menu() {
	var rows [][]Button
	for _, id := range t.e.order {
		rows = append(rows, []Button{{Label: t.serviceName(id), Code: "m:" + id}})
	}
	last := []Button{{Label: t.tr("menu.mine"), Code: "m:mine"}, {Label: t.tr("menu.help"), Code: "m:help"}}
	if policy.MayUse(policy.Queue, t.who) {
		last = append([]Button{{Label: t.tr("menu.queue"), Code: "m:queue"}}, last...)
	}
	rows = append(rows, last)
	t.reply(t.tr("menu.title", firstName(t.who.Name)), rows...)
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

// typedMenu understands a service or menu entry typed instead of pressed.
func (t *turn) typedMenu(ctx context.Context, text string) (bool, error) {
	n := fold(text)
	for _, id := range t.e.order {
		if n == fold(id) || n == fold(t.serviceName(id)) || n == fold(t.tr("svc."+id+".short")) {
			return true, t.menuButton(ctx, id)
		}
	}
	switch n {
	case fold(t.tr("menu.mine")), "mis solicitudes", "solicitudes":
		return true, t.mine(ctx)
	case fold(t.tr("menu.help")), "ayuda", "help":
		t.help()
		return true, nil
	case fold(t.tr("menu.queue")), "cola":
		return true, t.staff(ctx, staff.Queue, "")
	}
	return false, nil
}

// serviceName is a service's name in the current language.
func (t *turn) serviceName(id string) string { return t.tr("svc." + id) }

// firstName returns the first word of a name.
func firstName(name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return first
}
