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

// takeActions let a técnico take a new ticket, or the coordinator assign it
// (offered with the new request), or hand it to someone else later,
// keeping its status (from the ticket's view).
func takeActions(next string, reassignFrom ...string) []Action {
	acts := []Action{
		{ID: "tomar", From: []string{"recibida"}, To: next, Who: policy.Staff, Assign: true},
		{ID: "asignar", From: []string{"recibida"}, To: next, Who: policy.Coordinator, Input: InputAssignee},
	}
	if len(reassignFrom) > 0 {
		acts = append(acts, Action{ID: "reasignar", From: reassignFrom, To: next, Who: policy.Coordinator,
			Input: InputAssignee, Hidden: true, Do: keepStatusUnless("recibida")})
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
		Input: InputText, Hidden: true}
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
	seen := map[string]bool{}
	for _, f := range s.Fields {
		if seen[f.ID] {
			return fmt.Errorf("conversations: service %s: field %q twice", s.ID, f.ID)
		}
		seen[f.ID] = true
		if f.Kind == KindChoice && len(f.Choices) == 0 && !f.AreaChoice {
			return fmt.Errorf("conversations: service %s: choice field %q has no choices", s.ID, f.ID)
		}
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
		if a.Field != "" && seen[a.Field] {
			return fmt.Errorf("conversations: service %s: action %q keeps its input in form field %q", s.ID, a.ID, a.Field)
		}
		switch {
		case a.Input == InputChoice && (len(a.Choices) == 0 || a.Field == ""):
			return fmt.Errorf("conversations: service %s: action %q needs Choices and Field", s.ID, a.ID)
		case a.Input == InputPick && a.PickFrom == "":
			return fmt.Errorf("conversations: service %s: action %q needs PickFrom", s.ID, a.ID)
		}
	}
	return nil
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
