package conversations

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Registration of unknown users ("previa autorización", glossary 8.1): a
// short dialog (name, area, position, institutional e-mail) whose result the
// coordinator accepts or rejects with a button.

// regFields are the registration's questions, asked as "reg.<field>".
var regFields = []workflow.Field{
	{ID: "name", Kind: workflow.KindText, Max: 80, Pattern: regexp.MustCompile(`^[\p{L}][\p{L} .'-]{2,79}$`), Invalid: "reg.name.invalid"},
	{ID: "area", Kind: workflow.KindChoice, AreaChoice: true},
	{ID: "position", Kind: workflow.KindText, Max: 120},
	{ID: "email", Kind: workflow.KindEmail},
}

// regCode starts the codes of the registration's buttons.
const regCode = "f:reg:"

// registration is the questions of a registration in progress.
func (t *turn) registration() *questions {
	return &questions{
		st: t.st.Reg, fields: regFields,
		code:   func(v string) string { return regCode + v },
		prompt: func(f *workflow.Field) string { return t.tr("reg." + f.ID) },
	}
}

// stranger talks with someone who is not (yet) in the directory.
func (t *turn) stranger(ctx context.Context) error {
	if t.ev.Button != "" && !strings.HasPrefix(t.ev.Button, regCode) {
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
		t.setState(dialogState{Reg: &asking{}})
		t.reply(t.tr("reg.welcome"))
		q := t.registration()
		q.advance()
		t.ask(q)
		return nil
	}
	done, err := t.answer(ctx, t.registration(), text, strings.TrimPrefix(t.ev.Button, regCode))
	if err != nil || !done {
		return err
	}
	return t.regDone()
}

// regDone files the registration for the coordinator's decision.
func (t *turn) regDone() error {
	r := t.st.Reg.Ans
	id := t.newPersonID(r["email"])
	p := storage.Person{
		ID: id, Name: r["name"], Role: storage.RoleUsuario, Area: r["area"], Position: r["position"], Email: r["email"],
		Accounts: map[string]string{t.ev.Platform: t.ev.Account}, Platform: t.ev.Platform, Pending: true,
	}
	t.people = append(t.people, p)
	t.record("", "registro_solicitado", id+" · "+p.Name)
	t.clearState()
	t.reply(t.tr("reg.sent"))
	for _, c := range t.dir.WithRole(storage.RoleCoordinador) {
		acct := t.ev.Platform + ":" + t.ev.Account
		t.send(c.ID, t.trFor(c.ID, "reg.review", p.Name, t.dir.AreaName(p.Area), p.Position, p.Email, t.ev.Platform),
			[]Button{{Label: t.trFor(c.ID, "reg.accept"), Code: "g:" + acct + ":ok"}, {Label: t.trFor(c.ID, "reg.reject"), Code: "g:" + acct + ":no"}})
	}
	return nil
}

// newPersonID derives a directory id from the e-mail's local part.
func (t *turn) newPersonID(email string) string {
	local, _, _ := strings.Cut(email, "@")
	base := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			return r
		}
		return -1
	}, strings.ToLower(local))
	if base == "" {
		base = "persona"
	}
	id := base
	for n := 2; ; n++ {
		if _, taken := t.dir.Person(id); !taken {
			return id
		}
		id = base + strconv.Itoa(n)
	}
}

// decideRegistration lets the coordinator accept or reject a registration.
func (t *turn) decideRegistration(ctx context.Context, account string, ok bool) error {
	if !policy.MayUse(policy.Registrations, t.who) {
		t.notice = t.tr("reg.forbidden")
		return t.refuse(ctx, "", "registro", "registro "+clip(account, 64))
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
	p.Pending = false
	key := "reg.rejected"
	if ok {
		key = "reg.accepted"
	} else {
		p.Disabled = true
	}
	t.people = append(t.people, p)
	t.record("", map[bool]string{true: "registro_aceptado", false: "registro_rechazado"}[ok], p.ID+" · "+p.Name)
	t.send(account, t.tr(key))
	t.editPressed(t.ev.Pressed, t.tr(key+".coord", p.Name))
	if !t.editedAny() {
		t.reply(t.tr(key+".coord", p.Name))
	}
	return nil
}

// editedAny reports whether the turn already edits the pressed message.
func (t *turn) editedAny() bool {
	for _, m := range t.out {
		if m.Edit != "" {
			return true
		}
	}
	return false
}
