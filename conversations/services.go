package conversations

import (
	"fmt"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// DefaultServices returns the five services of the procedure, in menu order.
//
// Who gives a visto bueno (DESIGN §3, Config.Approvals):
//   - correo: the supervisor, for alta and baja ("correo.alta", "correo.baja").
//   - web: always the institutional authority (5.2.2); the supervisor as well
//     only when "web.<tipo>" is set.
//   - mantenimiento, diseno, control-escolar: nobody by default; setting
//     "<service>.<choice>" (e.g. "control-escolar.nuevo") puts the
//     supervisor's visto bueno first.
func DefaultServices() []*Service {
	return []*Service{
		Mantenimiento(),
		Web(),
		Correo(),
		Diseno(),
		ControlEscolar(),
	}
}

// supervisorStart starts a ticket at the supervisor's visto bueno when the
// configuration asks for it for "<service>.<choice>", else at next.
func supervisorStart(svc, field, next string) func(c *Config, t *storage.Ticket) string {
	return func(c *Config, t *storage.Ticket) string {
		if c.needsApproval(svc+"."+t.Fields[field], false) {
			return "por_aprobar"
		}
		return next
	}
}

// approvalActions are the visto bueno of the requester's supervisor:
// approve moves to next, reject ends the ticket with the reason.
func approvalActions(next string) []Action {
	return []Action{
		{ID: "aprobar", From: []string{"por_aprobar"}, To: next, Who: policy.Supervisor, Approval: "supervisor"},
		{ID: "rechazar", From: []string{"por_aprobar"}, To: storage.StatusRejected, Who: policy.Supervisor, Approval: "supervisor", Reject: true, Input: TextInput()},
	}
}

// cancelAction lets the requester withdraw a ticket before work starts.
func cancelAction(from ...string) Action {
	return Action{ID: "cancelar", From: from, To: storage.StatusCancelled, Who: policy.Requester, Hidden: true}
}

// takeActions let a técnico take a new ticket, or the coordinator assign it
// (offered with the new request), or hand it to someone else later,
// keeping its status (from the ticket's view).
func takeActions(next string, reassignFrom ...string) []Action {
	acts := []Action{
		{ID: "tomar", From: []string{"recibida"}, To: next, Who: policy.Staff, Assign: true},
		{ID: "asignar", From: []string{"recibida"}, To: next, Who: policy.Coordinator, Input: AssigneeInput()},
	}
	if len(reassignFrom) > 0 {
		acts = append(acts, Action{ID: "reasignar", From: reassignFrom, To: next, Who: policy.Coordinator,
			Input: AssigneeInput(), Hidden: true, Do: keepStatusUnless("recibida")})
	}
	return acts
}

// keepStatusUnless keeps the ticket where it is, except from the status
// given, where the action's own target applies.
func keepStatusUnless(from string) func(a *ActionCtx) error {
	return func(a *ActionCtx) error {
		if a.Ticket.Status != from {
			a.To = a.Ticket.Status
		}
		return nil
	}
}

// declineAction lets CT end a request that does not proceed, with the reason.
func declineAction(from ...string) Action {
	return Action{ID: "no_procede", From: from, To: storage.StatusRejected, Who: policy.Assignee | policy.Coordinator,
		Input: TextInput(), Hidden: true}
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

// validate checks a service declaration for mistakes that would only show
// in a conversation.
func (s *Service) validate() error {
	form, err := validFields(s.Fields)
	if err != nil {
		return fmt.Errorf("conversations: service %s: %w", s.ID, err)
	}
	acts := map[string]bool{}
	for _, a := range s.Actions {
		if acts[a.ID] {
			return fmt.Errorf("conversations: service %s: action %q twice", s.ID, a.ID)
		}
		acts[a.ID] = true
		if len(a.From) == 0 || a.Who == 0 {
			return fmt.Errorf("conversations: service %s: action %q needs From and Who", s.ID, a.ID)
		}
		if _, err := validFields(a.Input); err != nil {
			return fmt.Errorf("conversations: service %s: action %q: %w", s.ID, a.ID, err)
		}
		for _, f := range a.Input {
			if f.Keep && form[f.ID] {
				return fmt.Errorf("conversations: service %s: action %q keeps its input in form field %q", s.ID, a.ID, f.ID)
			}
		}
	}
	return nil
}

// validFields checks a sequence of questions and returns their ids.
func validFields(fields []Field) (map[string]bool, error) {
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.ID] {
			return nil, fmt.Errorf("field %q twice", f.ID)
		}
		seen[f.ID] = true
		if f.Kind == KindChoice && len(f.Choices) == 0 && !f.AreaChoice && !f.StaffChoice && f.FilesOf == "" {
			return nil, fmt.Errorf("choice field %q has no choices", f.ID)
		}
		if f.Pattern != nil && f.Invalid == "" {
			return nil, fmt.Errorf("field %q has a Pattern without its Invalid message", f.ID)
		}
	}
	return seen, nil
}

// OpenStatuses lists the statuses, of every service, in which a ticket is
// still open (not closed, rejected or cancelled), so work queues ask the
// store only for those.
func (e *Engine) OpenStatuses() []string {
	seen := map[string]bool{storage.StatusClosed: true, storage.StatusRejected: true, storage.StatusCancelled: true}
	var out []string
	for _, id := range e.order {
		for _, st := range e.services[id].Statuses() {
			if !seen[st] {
				seen[st] = true
				out = append(out, st)
			}
		}
	}
	return out
}
