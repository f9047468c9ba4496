package texts

import "strings"

// Labels names what the store keeps as codes — a ticket's status, an action
// of its history or of the bitácora, a role — as people read them: one
// table, this catalogue, for the chat cards and every record (the bitácora
// CT-RG.02, the request CT-RG.03, the report DP-RG.02).
type Labels struct {
	// Lang is the language of the labels; the records are in Spanish.
	Lang string
}

// Status names a service's status ("por_aprobar": «En espera de visto
// bueno»), the service's own name first.
func (l Labels) Status(service, status string) string { return StatusName(l.Lang, service, status) }

// Action names something done as a phrase in the past ("crear_cms":
// «Creado en el CMS»), the service's own phrase first.
func (l Labels) Action(service, action string) string { return ActionDone(l.Lang, service, action) }

// Role names a role with its accents ("tecnico": «técnico»).
func (l Labels) Role(role string) string { return RoleName(l.Lang, role) }

// Service names a service ("correo": «Cuenta de correo electrónico»).
func (l Labels) Service(service string) string { return Text(l.Lang, "svc."+service) }

// StatusName names a service's status in a language.
func StatusName(lang, service, status string) string {
	return Text(lang, Pick(lang, service+".status."+status, "status."+status, "status.other"))
}

// ActionDone names an action as done, in a language: the record phrase of
// the service ("<service>.rec.act.<action>"), the shared one
// ("rec.act.<action>"), else the action's button label, else the code
// written as words, so a person never reads a bare code.
func ActionDone(lang, service, action string) string {
	for _, key := range []string{service + ".rec.act." + action, "rec.act." + action, service + ".act." + action, "act." + action} {
		if Has(lang, key) {
			return Text(lang, key)
		}
	}
	words := strings.ReplaceAll(action, "_", " ")
	if words == "" {
		return ""
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// HasActionDone reports whether an action has a record phrase of its own.
func HasActionDone(lang, service, action string) bool {
	return Has(lang, service+".rec.act."+action) || Has(lang, "rec.act."+action)
}

// RoleName names a role in a language; a code it does not know is shown as is.
func RoleName(lang, role string) string {
	if Has(lang, "role."+role) {
		return Text(lang, "role."+role)
	}
	return role
}
