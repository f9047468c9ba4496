package conversations

import (
	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// Correo is the e-mail account service (procedure 5.3): alta, baja or
// mantenimiento of an institutional account. Alta and baja need the
// supervisor's visto bueno (configurable per action); on alta the bot
// generates the temporary password, gives it to the técnico and to the
// requester privately, never keeps it, and the requester signs
// responsibility in the bitácora CT-RG.02 (5.3.5).
func Correo() *Service {
	return &Service{
		ID:    "correo",
		Ready: true,
		Fields: []Field{
			{ID: "accion", Kind: KindChoice, Choices: []string{"alta", "baja", "mantenimiento"}},
			{ID: "tipo", Kind: KindChoice, Choices: []string{"password", "cuota", "alias", "otro"},
				When: func(a Answers) bool { return a["accion"] == "mantenimiento" }},
			{ID: "titular", Kind: KindText, Max: 120},
			{ID: "puesto", Kind: KindText, Max: 120},
			{ID: "area", Kind: KindChoice, AreaChoice: true},
			{ID: "cuenta", Kind: KindEmail},
			{ID: "justificacion", Kind: KindText, Max: 1000},
		},
		Start: correoStart,
		Actions: append(approvalActions("recibida"),
			Action{ID: "tomar", From: []string{"recibida"}, To: "en_proceso", Who: policy.Staff, Assign: true},
			Action{ID: "asignar", From: []string{"recibida"}, To: "en_proceso", Who: policy.Coordinator, Input: InputAssignee},
			Action{ID: "reasignar", From: []string{"en_proceso"}, To: "en_proceso", Who: policy.Coordinator, Input: InputAssignee, Hidden: true},
			Action{ID: "completar", From: []string{"en_proceso"}, To: storage.StatusClosed, Who: policy.Assignee, Input: InputTextOpt, Do: correoComplete},
			Action{ID: "firmar", From: []string{"por_firmar"}, To: storage.StatusClosed, Who: policy.Requester, Hidden: true,
				Sign: "responsabilidad de la cuenta de correo"},
			cancelAction("por_aprobar", "recibida"),
		),
	}
}

// correoStart sends the request to the supervisor when its action needs
// the visto bueno; a supervisor's own request carries it already.
func correoStart(c *Config, t *storage.Ticket) string {
	accion := t.Fields["accion"]
	def := accion == "alta" || accion == "baja"
	if !c.needsApproval("correo."+accion, def) {
		return "recibida"
	}
	return "por_aprobar"
}

// correoComplete finishes the request; on alta it hands out the temporary
// password and waits for the requester's signature.
func correoComplete(a *ActionCtx) error {
	tk := a.Ticket
	if tk.Fields["accion"] != "alta" {
		return nil
	}
	pw := a.Config().Password()
	account := tk.Fields["cuenta"]
	a.TellSecret(a.By.ID, nil, "correo.pw.tecnico", account, pw)
	a.TellSecret(tk.Requester, [][]Button{{a.ButtonFor(tk.Requester, "firmar")}}, "correo.pw.requester", account, pw)
	a.Record("contrasena_entregada", account)
	a.To = "por_firmar"
	return nil
}

// approvalActions are the visto bueno of the requester's supervisor:
// approve moves to next, reject ends the ticket with the reason.
func approvalActions(next string) []Action {
	return []Action{
		{ID: "aprobar", From: []string{"por_aprobar"}, To: next, Who: policy.Supervisor, Approval: "supervisor"},
		{ID: "rechazar", From: []string{"por_aprobar"}, To: storage.StatusRejected, Who: policy.Supervisor, Approval: "supervisor", Reject: true, Input: InputText},
	}
}

// cancelAction lets the requester withdraw a ticket before work starts.
func cancelAction(from ...string) Action {
	return Action{ID: "cancelar", From: from, To: storage.StatusCancelled, Who: policy.Requester, Hidden: true}
}
