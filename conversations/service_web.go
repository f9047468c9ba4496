package conversations

import (
	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// Web is the update of the institution's website (procedure 5.2). The
// institutional authority's visto bueno comes before CT works it (5.2.2);
// CT analyses the information (5.2.3), creates it in the content manager
// recording which kind of content it is (5.2.4), publishes it with its
// address (5.2.5), and the requester is told where it is (5.2.6).
func Web() *Service {
	return &Service{
		ID:    "web",
		Ready: true,
		Fields: []Field{
			{ID: "tipo", Kind: KindChoice, Choices: []string{"articulo", "seccion", "categoria", "blog", "cambio"}},
			{ID: "pagina", Kind: KindURL, When: func(a Answers) bool { return a["tipo"] == "cambio" }},
			{ID: "titulo", Kind: KindText, Max: 200},
			{ID: "contenido", Kind: KindText, Max: 4000},
			{ID: "adjuntos", Kind: KindFile, Optional: true, Multi: true},
			{ID: "fecha", Kind: KindDate, Optional: true},
		},
		Start: supervisorStart("web", "tipo", "por_autorizar"),
		Actions: append(append(approvalActions("por_autorizar"), takeActions("en_analisis", "en_analisis", "en_cms", "por_publicar")...),
			Action{ID: "autorizar", From: []string{"por_autorizar"}, To: "recibida", Who: policy.Autoridad, Approval: string(storage.RoleAutoridad)},
			Action{ID: "no_autorizar", From: []string{"por_autorizar"}, To: storage.StatusRejected, Who: policy.Autoridad,
				Approval: string(storage.RoleAutoridad), Reject: true, Input: TextInput()},
			Action{ID: "analizar", From: []string{"en_analisis"}, To: "en_cms", Who: policy.Assignee, Input: OptionalTextInput()},
			Action{ID: "crear_cms", From: []string{"en_cms"}, To: "por_publicar", Who: policy.Assignee, Input: ChoiceInput("contenido_cms", "articulo", "seccion", "categoria", "blog", "pagina")},
			Action{ID: "publicar", From: []string{"por_publicar"}, To: storage.StatusClosed, Who: policy.Assignee, Input: URLInput("url")},
			declineAction("recibida", "en_analisis"),
			cancelAction("por_aprobar", "por_autorizar", "recibida"),
		),
		Notify: common,
	}
}
