package procedures

import (
	"path/filepath"
	"strings"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Diseno is graphic design for events and promotion (procedure 5.4): one
// or several pieces for an event, needed no later than the event. CT
// analyses the request and commits a delivery date (5.4.3), and may send
// one or more drafts as files (5.4.4); the requester picks one, asks for
// changes in free text — a loop, its rounds counted and shown — or
// approves (5.4.5–5.4.6). CT sends the final design, with or without drafts
// before, with its source files, or says why there are none (5.4.7).
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
			{ID: "piezas", Kind: workflow.KindChoice, Multi: true, Choices: []string{"cartel", "banner", "redes", "invitacion", "otro"}},
			{ID: "datos", Kind: workflow.KindText, Max: 1000},
			{ID: "textos", Kind: workflow.KindText, Max: 4000},
			{ID: "entrega", Kind: workflow.KindDate, NotAfter: "fecha_evento", Invalid: "diseno.entrega.late"},
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
			workflow.Action{ID: "entregar", From: []string{"en_diseno", "aprobado"}, To: storage.StatusClosed, Who: policy.Assignee,
				Input: append([]workflow.Field{
					{ID: "archivos", Kind: workflow.KindFile, Multi: true},
					{ID: "sin_fuentes", Kind: workflow.KindText, Max: 1000,
						When: func(a workflow.Answers) bool { return !anySource(a.Files("archivos")) }},
				}, workflow.ReportPhotos("archivos")...),
				Deliver: true, Do: deliverDesign},
			rescheduleAction("en_diseno", "por_revisar", "aprobado"),
			declineAction("recibida", "en_analisis"),
			cancelAction("por_aprobar", "recibida"),
		),
		Notify: common,
	}
}

// deliverDesign tells the requester, when the final design came without
// its source files, why there are none instead of promising them.
func deliverDesign(a *workflow.ActionCtx) error {
	var names []string
	for _, f := range a.Files {
		names = append(names, f.Name)
	}
	if !anySource(names) {
		a.Variant = "sin_fuentes"
	}
	return nil
}

// sourceFormats are the files a design is edited from: the design
// programs' own formats, vector files, fonts, and packages that bundle them.
var sourceFormats = map[string]bool{
	".ai": true, ".psd": true, ".psb": true, ".indd": true, ".idml": true, ".svg": true, ".eps": true,
	".fig": true, ".sketch": true, ".xd": true, ".xcf": true, ".cdr": true, ".afdesign": true, ".afphoto": true,
	".kra": true, ".ttf": true, ".otf": true, ".woff": true, ".woff2": true, ".zip": true, ".rar": true, ".7z": true,
}

// anySource reports whether any of the files is a source file.
func anySource(names []string) bool {
	for _, n := range names {
		if sourceFormats[strings.ToLower(filepath.Ext(n))] {
			return true
		}
	}
	return false
}
