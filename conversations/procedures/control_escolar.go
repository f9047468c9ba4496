package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// ControlEscolar is the development, maintenance and adjustment of the
// school-management system (procedure 5.5). CT analyses the request
// (5.5.3). A new module or a restructure gets a requirements analysis,
// sent as a document or a text, which the requester approves or sends back
// with changes — a loop (5.5.4–5.5.5); then CT commits its delivery date,
// develops it and delivers it (5.5.6). A maintenance or adjustment may need
// the supporting documents or oficio, which CT asks for and the requester
// uploads — and CT may send them back, saying what is missing
// (5.5.7–5.5.8); CT commits the date of the adjustment and does it (5.5.9).
func ControlEscolar() *workflow.Service {
	develop := fieldIs("tipo", "nuevo", "reestructura")
	adjust := fieldIs("tipo", "mantenimiento")
	documents := func(tk *storage.Ticket) bool { return len(workflow.LastFiles(tk, "enviar_documentos")) > 0 }
	return &workflow.Service{
		ID:    "control-escolar",
		Ready: true,
		Fields: []workflow.Field{
			{ID: "tipo", Kind: workflow.KindChoice, Choices: []string{"nuevo", "reestructura", "mantenimiento"}},
			{ID: "modulo", Kind: workflow.KindText, Max: 200},
			{ID: "necesidad", Kind: workflow.KindText, Max: 2000},
			{ID: "datos", Kind: workflow.KindText, Optional: true, Max: 1000},
			{ID: "urgencia", Kind: workflow.KindChoice, Choices: []string{"baja", "media", "alta"}},
			{ID: "documentos", Kind: workflow.KindFile, Optional: true, Multi: true},
		},
		Start: supervisorStart("control-escolar", "tipo", "recibida"),
		Actions: append(append(approvalActions("recibida"),
			takeActions("en_analisis", "en_analisis", "por_validar", "en_desarrollo", "por_documentos", "en_adecuacion")...),
			workflow.Action{ID: "enviar_requerimientos", From: []string{"en_analisis"}, To: "por_validar", Who: policy.Assignee,
				Input: workflow.TextOrFilesInput(), Deliver: true, When: develop},
			workflow.Action{ID: "aprobar_requerimientos", From: []string{"por_validar"}, To: "en_desarrollo", Who: policy.Requester},
			workflow.Action{ID: "pedir_cambios", From: []string{"por_validar"}, To: "en_analisis", Who: policy.Requester, Input: workflow.TextInput(), Counter: "rondas"},
			commitAction("en_desarrollo", "en_adecuacion"),
			workflow.Action{ID: "entregar_modulo", From: []string{"en_desarrollo"}, To: storage.StatusClosed, Who: policy.Assignee,
				Input: append(workflow.TextOrFilesInput(), workflow.ReportPhotos("texto")...), Deliver: true, When: dated},
			workflow.Action{ID: "pedir_documentos", From: []string{"en_analisis"}, To: "por_documentos", Who: policy.Assignee, Input: workflow.TextInput(), When: adjust},
			workflow.Action{ID: "enviar_documentos", From: []string{"por_documentos"}, To: "en_adecuacion", Who: policy.Requester, Input: workflow.FilesInput(), Deliver: true},
			workflow.Action{ID: "devolver_documentos", From: []string{"en_adecuacion"}, To: "por_documentos", Who: policy.Assignee,
				Input: workflow.TextInput(), Counter: "devoluciones", When: documents},
			workflow.Action{ID: "iniciar_adecuacion", From: []string{"en_analisis"}, To: "en_adecuacion", Who: policy.Assignee, Input: workflow.DateInput(), When: adjust},
			workflow.Action{ID: "terminar_adecuacion", From: []string{"en_adecuacion"}, To: storage.StatusClosed, Who: policy.Assignee,
				Input: append(workflow.TextOrFilesInput(), workflow.ReportPhotos("texto")...), Deliver: true, When: dated},
			rescheduleAction("en_desarrollo", "por_documentos", "en_adecuacion"),
			declineAction("recibida", "en_analisis"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: common,
	}
}
