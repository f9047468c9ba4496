package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Mantenimiento is the maintenance of IT infrastructure (procedure 5.1):
// CT receives the request (5.1.3), diagnoses it and commits a solution date
// (5.1.4); when the equipment must be taken away the requester confirms it
// with a button, which signs the CT-RG.03 (5.1.5); CT reports the result
// with its recommendations (5.1.6–5.1.7), or gives a new date with its
// reason when it slipped: every slip stays in the ticket, counts against
// on-time delivery and is shown to the requester.
func Mantenimiento() *workflow.Service {
	withdrawn := func(tk *storage.Ticket) bool { return signed(tk, signRetiro) }
	return &workflow.Service{
		ID:    "mantenimiento",
		Ready: true,
		Fields: []workflow.Field{
			{ID: "equipo", Kind: workflow.KindChoice, Choices: []string{"computadora", "impresora", "proyector", "red", "telefono", "otro"}},
			{ID: "inventario", Kind: workflow.KindText, Optional: true, Max: 60},
			{ID: "ubicacion", Kind: workflow.KindText, Max: 200},
			{ID: "falla", Kind: workflow.KindText, Max: 1000},
			{ID: "urgencia", Kind: workflow.KindChoice, Choices: []string{"baja", "media", "alta"}},
			{ID: "foto", Kind: workflow.KindFile, Optional: true, Multi: true},
		},
		Start: supervisorStart("mantenimiento", "equipo", "recibida"),
		Actions: append(append(approvalActions("recibida"), takeActions("en_diagnostico", "en_diagnostico", "en_reparacion", "por_confirmar_retiro")...),
			workflow.Action{ID: "diagnosticar", From: []string{"en_diagnostico"}, To: "en_reparacion", Who: policy.Assignee, Input: workflow.DateReasonInput()},
			workflow.Action{ID: "retirar", From: []string{"en_reparacion"}, To: "por_confirmar_retiro", Who: policy.Assignee, Input: workflow.OptionalTextInput(),
				When: func(tk *storage.Ticket) bool { return !withdrawn(tk) }},
			workflow.Action{ID: "confirmar_retiro", From: []string{"por_confirmar_retiro"}, To: "en_reparacion", Who: policy.Requester, Sign: signRetiro},
			workflow.Action{ID: "reprogramar", From: []string{"en_reparacion"}, To: "en_reparacion", Who: policy.Assignee, Input: workflow.DateReasonInput(), Counter: "reprogramaciones"},
			workflow.Action{ID: "terminar", From: []string{"en_reparacion"}, To: storage.StatusClosed, Who: policy.Assignee, Input: workflow.TextOrFilesInput(), Deliver: true},
			declineAction("recibida", "en_diagnostico"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: common,
	}
}

// signRetiro is what the requester signs when the equipment is taken away.
const signRetiro = "retiro del equipo para mantenimiento (CT-RG.03)"

// signed reports whether the ticket carries a signature with that meaning.
func signed(tk *storage.Ticket, what string) bool {
	for _, s := range tk.Signatures {
		if s.What == what {
			return true
		}
	}
	return false
}
