package registration_test

import (
	"testing"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/registration"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

type directory map[string]storage.Person

func (d directory) Person(id string) (storage.Person, bool) { p, ok := d[id]; return p, ok }
func (d directory) AreaName(id string) string               { return "Dirección de Finanzas" }

func TestApplicant(t *testing.T) {
	dir := directory{"pepe.ruiz": {ID: "pepe.ruiz"}, "pepe.ruiz2": {ID: "pepe.ruiz2"}}
	ans := workflow.Answers{"name": "Pepe Ruiz", "area": "finanzas", "position": "Auxiliar", "email": "Pepe.Ruiz+x@upe.edu.mx"}
	p := registration.Applicant(ans, "telegram", "999", dir)
	if p.ID != "pepe.ruizx" || !p.Pending || p.Role != storage.RoleUsuario || p.Accounts["telegram"] != "999" {
		t.Errorf("applicant: %+v; want pepe.ruizx, pending usuario linked to telegram 999", p)
	}
	ans["email"] = "pepe.ruiz@upe.edu.mx"
	if p := registration.Applicant(ans, "telegram", "999", dir); p.ID != "pepe.ruiz3" {
		t.Errorf("id with pepe.ruiz and pepe.ruiz2 taken: %q, want pepe.ruiz3", p.ID)
	}
	text, buttons := registration.Review("es", p, dir.AreaName)
	kind, args, ok := chat.ParseCode(buttons[0].Code)
	accept, known := registration.Decision(args[len(args)-1])
	if text == "" || !ok || kind != chat.KindDecide || !known || !accept || args[0]+":"+args[1] != "telegram:999" {
		t.Errorf("accept button %q reads as %q, %q, accept %v", buttons[0].Code, kind, args, accept)
	}
	_, args, _ = chat.ParseCode(buttons[1].Code)
	if accept, known := registration.Decision(args[len(args)-1]); accept || !known {
		t.Errorf("reject button %q reads as accepting", buttons[1].Code)
	}
	if decided, action, key := registration.Decided(p, false); !decided.Disabled || decided.Pending || action != "registro_rechazado" || key != "reg.rejected" {
		t.Errorf("rejected: %+v, %s, %s", decided, action, key)
	}
}
