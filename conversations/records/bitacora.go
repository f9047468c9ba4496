package records

import (
	"fmt"
	"strings"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// The details below are what the bitácora CT-RG.02 says of a ticket, in
// the records' language, whoever acted and in whatever language they read.

// ActionDetail is what the bitácora keeps of an action: its note, with the
// committed date and the files when it had them.
func ActionDetail(ac *workflow.ActionCtx) string {
	var parts []string
	if !ac.Date.IsZero() {
		parts = append(parts, "fecha "+ac.Date.Format(calendar.Layout))
	}
	if ac.Note != "" {
		parts = append(parts, strings.TrimRight(ac.Note, ". "))
	}
	if len(ac.Files) > 0 {
		names := make([]string, len(ac.Files))
		for i, f := range ac.Files {
			names[i] = f.Name
		}
		parts = append(parts, "archivos: "+strings.Join(names, ", "))
	}
	return strings.Join(parts, "; ")
}

// Signed is the detail of an action that signs: what was signed, then
// the action's own detail.
func Signed(what, detail string) string {
	return strings.TrimSuffix("Firma: "+what+"; "+detail, "; ")
}

// ChoiceDetail names the first choice of a new ticket (": alta"), or ""
// when it has none.
func ChoiceDetail(s *workflow.Service, tk *storage.Ticket) string {
	for _, f := range s.Fields {
		if f.Kind == workflow.KindChoice && !f.AreaChoice {
			if v := tk.Fields[f.ID]; v != "" {
				return ": " + texts.Text(Lang, s.ID+"."+f.ID+"."+v)
			}
		}
	}
	return ""
}

// TakenBack says that a temporary password was deleted from name's chats
// on the platforms.
func TakenBack(name string, platforms []string) string {
	return fmt.Sprintf("Se borró la contraseña temporal del chat de %s en %s", name, Platforms(platforms))
}

// NotTakenBack says that a temporary password could not be deleted from
// name's chats on the platforms.
func NotTakenBack(name string, platforms []string) string {
	return fmt.Sprintf("No se pudo borrar la contraseña temporal del chat de %s en %s: "+
		"la plataforma ya no permite borrar el mensaje (Telegram, pasadas 48 horas) o ya no existe", name, Platforms(platforms))
}

// SecretUndelivered says that a temporary password could not reach name
// and that a new one was offered.
func SecretUndelivered(name string) string {
	return fmt.Sprintf("No se pudo entregar la contraseña temporal a %s; se ofreció generar otra", name)
}

// Unreachable says that a notice could not reach name, and waits for them.
func Unreachable(name string) string {
	return fmt.Sprintf("No se pudo avisar a %s: no tiene abierta la conversación con el bot; se le entregará cuando escriba", name)
}

// platformNames are the platforms as the bitácora names them.
var platformNames = map[string]string{"telegram": "Telegram", "slack": "Slack", "console": "la consola"}

// Platforms joins platforms as the bitácora names them, each once:
// «Telegram», «Telegram y Slack».
func Platforms(platforms []string) string {
	var out []string
	seen := map[string]bool{}
	for _, p := range platforms {
		if seen[p] {
			continue
		}
		seen[p] = true
		if n, ok := platformNames[p]; ok {
			p = n
		}
		out = append(out, p)
	}
	if len(out) == 1 {
		return out[0]
	}
	return strings.Join(out[:len(out)-1], ", ") + " y " + out[len(out)-1]
}
