// Package procedures declares the five services of the procedure
// «Servicios de Tecnologías» (5.1 to 5.5), one file each: the questions of
// its request form CT-RG.03, its statuses and the actions between them,
// who may take each action, what each asks for and who is told. This file
// holds the steps they share: the visto bueno, taking and assigning a
// ticket, declining and cancelling it.
package procedures

import (
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// All returns the five services of the procedure, in menu order.
//
// Who gives a visto bueno (DESIGN §3, Config.Approvals):
//   - correo: the supervisor, for alta and baja ("correo.alta", "correo.baja").
//   - web: always the institutional authority (5.2.2); the supervisor as well
//     only when "web.<tipo>" is set.
//   - mantenimiento, diseno, control-escolar: nobody by default; setting
//     "<service>.<choice>" (e.g. "control-escolar.nuevo") puts the
//     supervisor's visto bueno first.
func All() []*workflow.Service {
	return []*workflow.Service{
		Mantenimiento(),
		Web(),
		Correo(),
		Diseno(),
		ControlEscolar(),
	}
}

// supervisorStart starts a ticket at the supervisor's visto bueno when the
// configuration asks for it for "<service>.<choice>" (for any of the
// choices, when several were chosen), else at next.
func supervisorStart(svc, field, next string) func(c workflow.Settings, t *storage.Ticket) string {
	return func(c workflow.Settings, t *storage.Ticket) string {
		for _, v := range workflow.Values(t.Fields[field]) {
			if c.NeedsApproval(svc+"."+v, false) {
				return "por_aprobar"
			}
		}
		return next
	}
}

// approvalActions are the visto bueno of the requester's supervisor:
// approve moves to next, reject ends the ticket with the reason.
func approvalActions(next string) []workflow.Action {
	return []workflow.Action{
		{ID: "aprobar", From: []string{"por_aprobar"}, To: next, Who: policy.Supervisor, Approval: "supervisor"},
		{ID: "rechazar", From: []string{"por_aprobar"}, To: storage.StatusRejected, Who: policy.Supervisor, Approval: "supervisor", Reject: true, Input: workflow.TextInput()},
	}
}

// cancelAction lets the requester withdraw a ticket before work starts.
func cancelAction(from ...string) workflow.Action {
	return workflow.Action{ID: "cancelar", From: from, To: storage.StatusCancelled, Who: policy.Requester, Hidden: true}
}

// takeActions let a técnico take a new ticket, or the coordinator assign it
// (offered with the new request), or hand it to someone else later,
// keeping its status (from the ticket's view).
func takeActions(next string, reassignFrom ...string) []workflow.Action {
	acts := []workflow.Action{
		{ID: "tomar", From: []string{"recibida"}, To: next, Who: policy.Staff, Assign: true},
		{ID: "asignar", From: []string{"recibida"}, To: next, Who: policy.Coordinator, Input: workflow.AssigneeInput()},
	}
	if len(reassignFrom) > 0 {
		acts = append(acts, workflow.Action{ID: "reasignar", From: reassignFrom, To: next, Who: policy.Coordinator,
			Input: workflow.AssigneeInput(), Hidden: true, Do: keepStatusUnless("recibida")})
	}
	return acts
}

// keepStatusUnless keeps the ticket where it is, except from the status
// given, where the action's own target applies.
func keepStatusUnless(from string) func(a *workflow.ActionCtx) error {
	return func(a *workflow.ActionCtx) error {
		if a.Ticket.Status != from {
			a.To = a.Ticket.Status
		}
		return nil
	}
}

// declineAction lets CT end a request that does not proceed, with the reason.
func declineAction(from ...string) workflow.Action {
	return workflow.Action{ID: "no_procede", From: from, To: storage.StatusRejected, Who: policy.Assignee | policy.Coordinator,
		Input: workflow.TextInput(), Hidden: true}
}

// fieldIs allows an action only when a form field has one of the values.
func fieldIs(field string, values ...string) func(tk *storage.Ticket) bool {
	return func(tk *storage.Ticket) bool {
		for _, v := range values {
			if tk.Fields[field] == v {
				return true
			}
		}
		return false
	}
}

// common are the notices every service sends besides the buttons: CT
// hears of cancellations and of requests ended by the area.
var common = map[string]policy.Actor{
	storage.StatusCancelled: policy.Assignee | policy.Coordinator,
}

// withCommon adds a service's own notices to the common ones.
func withCommon(own map[string]policy.Actor) map[string]policy.Actor {
	out := map[string]policy.Actor{}
	for k, v := range common {
		out[k] = v
	}
	for k, v := range own {
		out[k] |= v
	}
	return out
}

// dated reports whether CT committed a date for the ticket.
func dated(tk *storage.Ticket) bool { return !tk.DueDate().IsZero() }

// undated reports whether CT has yet to commit a date for the ticket.
func undated(tk *storage.Ticket) bool { return !dated(tk) }

// keepStatus leaves the ticket in its status (an action that only records).
func keepStatus(a *workflow.ActionCtx) error {
	a.To = a.Ticket.Status
	return nil
}

// commitAction is where CT commits the delivery date of a ticket that
// reached one of the statuses without one; the ticket stays where it is.
func commitAction(from ...string) workflow.Action {
	return workflow.Action{ID: "fijar_fecha", From: from, Who: policy.Assignee, Input: workflow.DateInput(), When: undated, Do: keepStatus}
}

// rescheduleAction gives a committed date a new one with its reason (offered
// from the ticket's view); the slip is kept and counts against on time.
func rescheduleAction(from ...string) workflow.Action {
	return workflow.Action{ID: "reprogramar", From: from, Who: policy.Assignee, Input: workflow.DateReasonInput(),
		Counter: "reprogramaciones", Hidden: true, When: dated, Do: keepStatus}
}
