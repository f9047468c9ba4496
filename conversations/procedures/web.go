package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Web is the update of the institution's website (procedure 5.2). The
// institutional authority's visto bueno comes before CT works it (5.2.2);
// CT analyses the information and commits a publication date (5.2.3),
// creates it in the content manager
// recording which kind of content it is (5.2.4), publishes it with its
// address (5.2.5), and the requester is told where it is (5.2.6).
func Web() *workflow.Service {
	return &workflow.Service{
		ID:    "web",
		Ready: true,
		Fields: []workflow.Field{
			{ID: "tipo", Kind: workflow.KindChoice, Choices: []string{"articulo", "seccion", "categoria", "blog", "cambio"}},
			{ID: "pagina", Kind: workflow.KindURL, When: func(a workflow.Answers) bool { return a["tipo"] == "cambio" }},
			{ID: "titulo", Kind: workflow.KindText, Max: 200},
			{ID: "contenido", Kind: workflow.KindText, Max: 4000},
			{ID: "adjuntos", Kind: workflow.KindFile, Optional: true, Multi: true},
			{ID: "fecha", Kind: workflow.KindDate, Optional: true},
		},
		Start: supervisorStart("web", "tipo", "por_autorizar"),
		Actions: append(append(approvalActions("por_autorizar"), takeActions("en_analisis", "en_analisis", "en_cms", "por_publicar")...),
			workflow.Action{ID: "autorizar", From: []string{"por_autorizar"}, To: "recibida", Who: policy.Autoridad, Approval: string(storage.RoleAutoridad)},
			workflow.Action{ID: "no_autorizar", From: []string{"por_autorizar"}, To: storage.StatusRejected, Who: policy.Autoridad,
				Approval: string(storage.RoleAutoridad), Reject: true, Input: workflow.TextInput()},
			workflow.Action{ID: "analizar", From: []string{"en_analisis"}, To: "en_cms", Who: policy.Assignee, Input: workflow.DateNoteInput()},
			workflow.Action{ID: "crear_cms", From: []string{"en_cms"}, To: "por_publicar", Who: policy.Assignee, Input: workflow.ChoiceInput("contenido_cms", "articulo", "seccion", "categoria", "blog", "pagina")},
			workflow.Action{ID: "publicar", From: []string{"por_publicar"}, To: storage.StatusClosed, Who: policy.Assignee, Input: workflow.URLInput("url")},
			rescheduleAction("en_cms", "por_publicar"),
			declineAction("recibida", "en_analisis"),
			cancelAction("por_aprobar", "por_autorizar", "recibida"),
		),
		Notify: common,
	}
}
