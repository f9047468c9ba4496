// Package registration lets someone who is not in the directory ask to be
// added ("previa autorización", glossary 8.1): a short dialog (name, area,
// position, institutional e-mail) whose result the coordinator accepts or
// rejects with a button. The engine asks its questions like any other and
// writes what it decides; who may decide is asked of package policy.
package registration

import (
	"strconv"
	"strings"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Fields are the registration's questions, asked as "reg.<field>".
var Fields = []workflow.Field{
	{ID: "name", Kind: workflow.KindName, Max: 80, Invalid: "reg.name.invalid"},
	{ID: "area", Kind: workflow.KindChoice, AreaChoice: true},
	{ID: "position", Kind: workflow.KindText, Max: 120},
	{ID: "email", Kind: workflow.KindEmail},
}

// Field is the field name in the codes of the buttons that answer its
// questions ("f:reg:<value>"): the only buttons someone outside the
// directory may press.
const Field = "reg"

// Directory is what a registration reads of the people and areas.
type Directory interface {
	Person(id string) (storage.Person, bool)
	AreaName(id string) string
}

// Applicant is the person a filled registration asks to add, pending until
// the coordinator decides, linked to the account it came from.
func Applicant(ans workflow.Answers, platform, account string, dir Directory) storage.Person {
	return storage.Person{
		ID: newID(ans["email"], dir), Name: ans["name"], Role: storage.RoleUsuario, Area: ans["area"],
		Position: ans["position"], Email: ans["email"],
		Accounts: map[string]string{platform: account}, Platform: platform, Pending: true,
	}
}

// Review is what a coordinator reads of an applicant, in the coordinator's
// language, with the buttons that accept or reject: sent when the
// registration is filed, and again with the queue (/cola) while it waits.
func Review(lang string, p storage.Person, areaName func(id string) string) (string, []chat.Button) {
	return texts.Text(lang, "reg.review", p.Name, areaName(p.Area), p.Position, p.Email, p.Platform),
		[]chat.Button{
			{Label: texts.Text(lang, "reg.accept"), Code: chat.Code(chat.KindDecide, p.Platform, p.Accounts[p.Platform], "ok")},
			{Label: texts.Text(lang, "reg.reject"), Code: chat.Code(chat.KindDecide, p.Platform, p.Accounts[p.Platform], "no")},
		}
}

// Decision reads the decision of a coordinator's button ("ok" or "no"):
// whether the applicant is accepted.
func Decision(decision string) (accept, ok bool) {
	return decision == "ok", decision == "ok" || decision == "no"
}

// Decided is the applicant once decided — active, or disabled when
// rejected — with the bitácora action and the catalog key of what they are
// told ("<key>.coord" tells the coordinator).
func Decided(p storage.Person, accept bool) (storage.Person, string, string) {
	p.Pending = false
	if accept {
		return p, "registro_aceptado", "reg.accepted"
	}
	p.Disabled = true
	return p, "registro_rechazado", "reg.rejected"
}

// newID derives a directory id, not yet taken, from the e-mail's local part.
func newID(email string, dir Directory) string {
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
		if _, taken := dir.Person(id); !taken {
			return id
		}
		id = base + strconv.Itoa(n)
	}
}
