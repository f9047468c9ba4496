package procedures

import (
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// ProgrammedService is the service of the tickets the CT-RG.01 program
// opens, and programmedStatus the status they start in: the maintenance
// service's "received by CT", with no visto bueno, as CT planned them.
const (
	ProgrammedService = "mantenimiento"
	programmedStatus  = "recibida"
)

// Programmed is the maintenance ticket a due item of the CT-RG.01 program
// opens, on behalf of requester (the area's supervisor), assigned to the
// item's técnico, opened by by; area is the area's name, lang and loc how
// its description is written.
func Programmed(item storage.PlanItem, requester string, by storage.Person, area, lang string, loc *time.Location, now time.Time) *storage.Ticket {
	falla := texts.Text(lang, "programmed.description", item.Equipment, item.Planned.In(loc).Format(calendar.Layout))
	if item.Notes != "" {
		falla += " " + item.Notes
	}
	return &storage.Ticket{
		Service: ProgrammedService, Status: programmedStatus, Requester: requester, Area: item.Area,
		Assignee: item.Tecnico, Programmed: true, Created: now,
		Fields: map[string]string{"equipo": "otro", "ubicacion": area, "falla": falla, "programa": item.ID},
		History: []storage.Transition{{At: now, By: by.ID, Role: by.Role, To: programmedStatus, Action: "programar",
			Note: "CT-RG.01 " + item.ID}},
	}
}
