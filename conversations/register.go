package conversations

import (
	"context"
	"strings"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/check"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/registration"
	"ctdesk/conversations/workflow"
)

// registering is the questions of a registration in progress.
func (t *turn) registering() *ask.Questions {
	return &ask.Questions{
		State: t.st.Reg, Fields: registration.Fields,
		Code:   func(v string) string { return chat.Code(chat.KindField, registration.Field, v) },
		Prompt: func(f *workflow.Field) string { return t.tr("reg." + f.ID) },
	}
}

// stranger talks with someone who is not (yet) in the directory: the only
// thing they may do is register.
func (t *turn) stranger(ctx context.Context) error {
	kind, args, _ := chat.ParseCode(t.ev.Button)
	if t.ev.Button != "" && (kind != chat.KindField || args[0] != registration.Field) {
		return t.refuseStranger(ctx)
	}
	if t.who.ID != "" && t.who.Pending {
		t.reply(t.tr("reg.waiting"))
		return nil
	}
	if t.who.ID != "" && t.who.Disabled {
		t.reply(t.tr("reg.disabled"))
		return nil
	}
	text := strings.TrimSpace(t.ev.Text)
	if cmd, _, ok := command(text); ok && (cmd == "cancelar" || cmd == "cancel") && t.st.Reg != nil {
		t.clearState()
		t.reply(t.tr("reg.cancelled"))
		return nil
	}
	if t.st.Reg == nil {
		t.setState(dialogState{Reg: &ask.State{}})
		t.reply(t.tr("reg.welcome"))
		q := t.registering()
		q.Advance()
		t.ask(q)
		return nil
	}
	value := ""
	if t.ev.Button != "" {
		value = args[1]
	}
	done, err := t.answer(ctx, t.registering(), text, value)
	if err != nil || !done {
		return err
	}
	return t.regDone()
}

// regDone files the registration for the coordinator's decision.
func (t *turn) regDone() error {
	p := registration.Applicant(t.st.Reg.Ans, t.ev.Platform, t.ev.Account, t.dir)
	t.people = append(t.people, p)
	t.record("", "registro_solicitado", p.ID+" · "+p.Name)
	t.clearState()
	t.reply(t.tr("reg.sent"))
	for _, c := range t.policy().Users(policy.Registrations) {
		text, buttons := registration.Review(t.langOf(c.ID), p, t.dir.AreaName)
		t.send(c.ID, text, buttons)
	}
	return nil
}

// decideRegistration lets the coordinator accept or reject the
// registration of an account ("platform:account") with a button.
func (t *turn) decideRegistration(ctx context.Context, account, decision string) error {
	accept, ok := registration.Decision(decision)
	switch {
	case !ok:
		t.notice = t.tr("button.stale")
		return nil
	case !policy.MayUse(policy.Registrations, t.who):
		t.notice = t.tr("reg.forbidden")
		return t.refuse(ctx, "", "registro", "registro "+check.Clip(account, 64))
	}
	platform, acct, _ := strings.Cut(account, ":")
	p, err := t.e.st.PersonByAccount(ctx, platform, acct)
	if notFound(err) || (err == nil && !p.Pending) {
		t.notice = t.tr("reg.decided")
		return nil
	}
	if err != nil {
		return err
	}
	p, action, key := registration.Decided(p, accept)
	t.people = append(t.people, p)
	t.record("", action, p.ID+" · "+p.Name)
	t.send(account, t.tr(key))
	if t.ev.Pressed != "" {
		t.editPressed(t.ev.Pressed, t.tr(key+".coord", p.Name))
	} else {
		t.reply(t.tr(key+".coord", p.Name))
	}
	return nil
}
