package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Mantenimiento is the maintenance of IT infrastructure (procedure 5.1):
// CT receives the request (5.1.3), diagnoses it and commits a solution date
// (5.1.4); when the equipment must be taken away the requester confirms it
// with a button, which signs the CT-RG.03, and confirms its return the same
// way (5.1.5); CT reports the result with its recommendations (5.1.6–5.1.7),
// or gives a new date with its reason when it slipped: every slip stays in
// the ticket, counts against on-time delivery and is shown to the
// requester. The requester then confirms that the solution works, which
// closes the ticket, or reopens it saying what still fails (5.1.7).
func Mantenimiento() *workflow.Service {
	away := func(tk *storage.Ticket) bool { return signatures(tk, signRetiro) > signatures(tk, signDevolucion) }
	back := func(tk *storage.Ticket) bool { return !away(tk) }
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
		Actions: append(append(approvalActions("recibida"), takeActions("en_diagnostico", "en_diagnostico", "en_reparacion",
			"por_confirmar_retiro", "por_confirmar_devolucion", "por_confirmar_solucion")...),
			workflow.Action{ID: "diagnosticar", From: []string{"en_diagnostico"}, To: "en_reparacion", Who: policy.Assignee, Input: workflow.DateReasonInput()},
			workflow.Action{ID: "retirar", From: []string{"en_reparacion"}, To: "por_confirmar_retiro", Who: policy.Assignee, Input: workflow.OptionalTextInput(),
				When: back},
			workflow.Action{ID: "confirmar_retiro", From: []string{"por_confirmar_retiro"}, To: "en_reparacion", Who: policy.Requester, Sign: signRetiro},
			workflow.Action{ID: "devolver", From: []string{"en_reparacion"}, To: "por_confirmar_devolucion", Who: policy.Assignee,
				Input: workflow.OptionalTextInput(), When: away},
			workflow.Action{ID: "confirmar_devolucion", From: []string{"por_confirmar_devolucion"}, To: "en_reparacion", Who: policy.Requester,
				Sign: signDevolucion},
			workflow.Action{ID: "reprogramar", From: []string{"en_reparacion"}, To: "en_reparacion", Who: policy.Assignee, Input: workflow.DateReasonInput(), Counter: "reprogramaciones"},
			workflow.Action{ID: "terminar", From: []string{"en_reparacion"}, To: "por_confirmar_solucion", Who: policy.Assignee,
				Input: append(workflow.TextOrFilesInput(), workflow.ReportPhotos("texto")...), Deliver: true, When: back},
			workflow.Action{ID: "confirmar_solucion", From: []string{"por_confirmar_solucion"}, To: storage.StatusClosed, Who: policy.Requester,
				Sign: signConformidad, Confirms: true},
			workflow.Action{ID: "reabrir", From: []string{"por_confirmar_solucion"}, To: "en_reparacion", Who: policy.Requester,
				Input: workflow.TextInput(), Counter: "reaperturas"},
			declineAction("recibida", "en_diagnostico"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: withCommon(map[string]policy.Actor{storage.StatusClosed: policy.Assignee}),
	}
}

// What the requester signs in the CT-RG.03: the equipment leaving the
// area, coming back, and the conformity with the solution.
const (
	signRetiro      = "retiro del equipo para mantenimiento (CT-RG.03)"
	signDevolucion  = "devolución del equipo al área (CT-RG.03)"
	signConformidad = "conformidad con el mantenimiento (CT-RG.03)"
)

// signatures counts the ticket's signatures with that meaning.
func signatures(tk *storage.Ticket, what string) int {
	n := 0
	for _, s := range tk.Signatures {
		if s.What == what {
			n++
		}
	}
	return n
}
