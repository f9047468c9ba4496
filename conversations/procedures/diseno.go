package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Diseno is graphic design for events and promotion (procedure 5.4). CT
// analyses the request and commits a delivery date (5.4.3), sends one or
// more drafts as files (5.4.4); the requester picks one, asks for changes
// in free text — a loop, its rounds counted and shown — or approves
// (5.4.5–5.4.6); CT sends the final design with its source files (5.4.7).
func Diseno() *workflow.Service {
	drafts := func(n int) func(tk *storage.Ticket) bool {
		return func(tk *storage.Ticket) bool { return (len(workflow.LastFiles(tk, "enviar_bocetos")) > 1) == (n > 1) }
	}
	return &workflow.Service{
		ID:    "diseno",
		Ready: true,
		Fields: []workflow.Field{
			{ID: "evento", Kind: workflow.KindText, Max: 200},
			{ID: "fecha_evento", Kind: workflow.KindDate},
			{ID: "piezas", Kind: workflow.KindChoice, Choices: []string{"cartel", "banner", "redes", "invitacion", "varias", "otro"}},
			{ID: "datos", Kind: workflow.KindText, Max: 1000},
			{ID: "textos", Kind: workflow.KindText, Max: 4000},
			{ID: "entrega", Kind: workflow.KindDate},
			{ID: "referencias", Kind: workflow.KindFile, Optional: true, Multi: true},
		},
		Start: supervisorStart("diseno", "piezas", "recibida"),
		Actions: append(append(approvalActions("recibida"), takeActions("en_analisis", "en_analisis", "en_diseno", "por_revisar", "aprobado")...),
			workflow.Action{ID: "analizar", From: []string{"en_analisis"}, To: "en_diseno", Who: policy.Assignee, Input: workflow.DateInput()},
			workflow.Action{ID: "enviar_bocetos", From: []string{"en_diseno"}, To: "por_revisar", Who: policy.Assignee, Input: workflow.FilesInput(), Deliver: true},
			workflow.Action{ID: "elegir", From: []string{"por_revisar"}, To: "aprobado", Who: policy.Requester, Input: workflow.PickInput("propuesta", "enviar_bocetos"),
				When: drafts(2)},
			workflow.Action{ID: "aprobar_boceto", From: []string{"por_revisar"}, To: "aprobado", Who: policy.Requester, When: drafts(1)},
			workflow.Action{ID: "pedir_cambios", From: []string{"por_revisar"}, To: "en_diseno", Who: policy.Requester, Input: workflow.TextInput(), Counter: "rondas"},
			workflow.Action{ID: "entregar", From: []string{"aprobado"}, To: storage.StatusClosed, Who: policy.Assignee, Input: workflow.FilesInput(), Deliver: true},
			declineAction("recibida", "en_analisis"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: common,
	}
}
