package conversations

import (
	"context"
	"regexp"
	"strings"
	"time"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/staff"
	"ctdesk/conversations/texts"
)

// folioPattern finds a folio typed in a message.
var folioPattern = regexp.MustCompile(`(?i)\bCT-(\d{4})-(\d{1,6})\b`)

// run decides what the event means.
func (t *turn) run(ctx context.Context) error {
	if !t.known {
		return t.stranger(ctx)
	}
	t.expireForm()
	text := strings.TrimSpace(t.ev.Text)
	if handled, err := t.rateFirst(ctx, text); handled || err != nil {
		return err
	}
	if t.ev.Button != "" {
		return t.press(ctx, t.ev.Button)
	}
	if cmd, arg, ok := command(text); ok {
		return t.command(ctx, cmd, arg)
	}
	switch {
	case t.st.Pend != nil:
		return t.pendingInput(ctx, text, "")
	case t.st.Svc != "":
		return t.formInput(ctx, text, "")
	case text == "" && len(t.ev.Files) > 0 && policy.MayUse(policy.Program, t.who) && staff.IsProgramFile(t.ev.Files[0]):
		file := t.ev.Files[0]
		return t.staff(ctx, func(ctx context.Context, env staff.Env, req staff.Request) (staff.Answer, error) {
			return staff.ImportFile(ctx, env, req, file)
		}, "")
	case text == "" && len(t.ev.Files) > 0:
		t.reply(t.tr("file.unexpected"))
		t.menu()
		return nil
	}
	if m := folioPattern.FindString(text); m != "" {
		return t.showTicket(ctx, strings.ToUpper(m))
	}
	if text != "" {
		if ok, err := t.typedMenu(ctx, text); ok || err != nil {
			return err
		}
	}
	t.menu()
	return nil
}

// command splits "/nueva@bot arg" into ("nueva", "arg").
func command(text string) (cmd, arg string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	cmd, arg, _ = strings.Cut(text[1:], " ")
	cmd, _, _ = strings.Cut(cmd, "@")
	return strings.ToLower(cmd), strings.TrimSpace(arg), cmd != ""
}

// command runs a slash command.
func (t *turn) command(ctx context.Context, cmd, arg string) error {
	switch cmd {
	case "start", "menu", "nueva", "inicio", "new":
		fresh := cmd == "nueva" || cmd == "new"
		if !t.st.idle() && !fresh {
			t.reply(t.tr("menu.inprogress"))
			return t.reask(ctx)
		}
		if fresh && !t.st.idle() {
			t.clearState()
		}
		t.menu()
	case "cancelar", "cancel":
		t.cancel()
	case "ayuda", "help":
		t.help()
	case "mis_solicitudes", "mis", "solicitudes", "my_requests", "requests":
		return t.mine(ctx)
	case "ver", "folio", "ticket", "view":
		m := folioPattern.FindString(arg)
		if m == "" {
			t.reply(t.tr("ticket.which"))
			return nil
		}
		return t.showTicket(ctx, strings.ToUpper(m))
	case "cola", "pendientes", "queue":
		return t.staff(ctx, staff.Queue, "")
	case "informe", "report":
		return t.staff(ctx, staff.Report, arg)
	case "kpi", "indicador":
		return t.staff(ctx, staff.KPI, "")
	case "entregado", "delivered":
		return t.staff(ctx, staff.Delivered, arg)
	case "programa", "program":
		return t.staff(ctx, staff.Program, "")
	case "panel", "web":
		return t.panelCommand(ctx, arg)
	case "comentar", "comment":
		return t.commentCommand(ctx, arg)
	default:
		t.reply(t.tr("cmd.unknown", "/"+cmd))
		if !t.st.idle() {
			return t.reask(ctx)
		}
		t.help()
	}
	return nil
}

// cancel leaves whatever dialog is in progress; the tickets stay as they are.
func (t *turn) cancel() {
	switch {
	case t.st.Pend != nil:
		t.reply(t.tr("cancel.action", t.st.Pend.Folio))
	case t.st.Svc != "":
		t.reply(t.tr("cancel.form", t.serviceName(t.st.Svc)))
	default:
		t.reply(t.tr("cancel.nothing"))
		return
	}
	t.clearState()
	t.menu()
}

// reask repeats the question in progress.
func (t *turn) reask(ctx context.Context) error {
	switch {
	case t.st.Pend != nil:
		return t.askPending(ctx)
	case t.st.Svc != "" && t.st.Confirm:
		t.summary()
	case t.st.Svc != "":
		t.askForm()
	}
	return nil
}

// expireForm discards a form left idle for too long, with a notice.
func (t *turn) expireForm() {
	if t.st.idle() || t.st.Upd.IsZero() || t.now.Sub(t.st.Upd) < t.e.cfg.DialogIdle {
		return
	}
	switch {
	case t.st.Svc != "":
		t.reply(t.tr("form.expired", t.serviceName(t.st.Svc), t.duration(t.e.cfg.DialogIdle)))
	case t.st.Rate == nil:
		t.reply(t.tr("action.expired"))
	} // an unanswered rating comment, optional, ends without a word
	t.clearState()
}

// duration says how long a time is, in whole hours (minutes when less).
func (t *turn) duration(d time.Duration) string {
	if h := int(d.Hours()); h >= 1 {
		return texts.Plural(t.lang, "count.hours", h)
	}
	return texts.Plural(t.lang, "count.minutes", int(d.Minutes()))
}
