// Package workflow is the language the procedures are written in: a
// service's form (its questions), its workflow (actions from status to
// status, the roles that may take each, what each asks for and does), and
// who is told when a ticket reaches a status. Package procedures declares
// the five services in it; the engine in package conversations runs them.
package workflow

import (
	"fmt"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// Service declares one of the five services: its form and its workflow.
type Service struct {
	ID     string
	Fields []Field
	// Ready tells whether the service can be requested yet.
	Ready bool
	// Start chooses the first status of a new ticket from its answers.
	Start func(c Settings, t *storage.Ticket) string
	// Actions are the workflow's transitions.
	Actions []Action
	// Notify lists, per status, who is told when a ticket enters it (besides
	// those who get buttons there); the requester is always told.
	Notify map[string]policy.Actor
	// Summary lists the field ids shown in a ticket's summary (default: all answered).
	Summary []string
}

// Settings is what a service reads of the institution's configuration.
type Settings interface {
	// NeedsApproval reports whether a request with that key
	// ("<service>.<choice>", e.g. "correo.alta") needs the supervisor's visto
	// bueno; def is the service's own default.
	NeedsApproval(key string, def bool) bool
}

// Action returns the service's action with the id.
func (s *Service) Action(id string) (*Action, bool) {
	for i := range s.Actions {
		if s.Actions[i].ID == id {
			return &s.Actions[i], true
		}
	}
	return nil, false
}

// Field returns the service's form field with the id.
func (s *Service) Field(id string) (*Field, bool) {
	for i := range s.Fields {
		if s.Fields[i].ID == id {
			return &s.Fields[i], true
		}
	}
	return nil, false
}

// Statuses lists every status the service declares: where its actions
// start and end, and the shared terminal ones.
func (s *Service) Statuses() []string {
	seen := map[string]bool{}
	var out []string
	add := func(st string) {
		if st != "" && !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	for _, a := range s.Actions {
		for _, f := range a.From {
			add(f)
		}
		add(a.To)
	}
	add(storage.StatusClosed)
	add(storage.StatusRejected)
	add(storage.StatusCancelled)
	return out
}

// Validate checks a service declaration for mistakes that would only show
// in a conversation.
func (s *Service) Validate() error {
	form, err := validFields(s.Fields)
	if err != nil {
		return fmt.Errorf("service %s: %w", s.ID, err)
	}
	acts := map[string]bool{}
	for _, a := range s.Actions {
		if acts[a.ID] {
			return fmt.Errorf("service %s: action %q twice", s.ID, a.ID)
		}
		acts[a.ID] = true
		if len(a.From) == 0 || a.Who == 0 {
			return fmt.Errorf("service %s: action %q needs From and Who", s.ID, a.ID)
		}
		if _, err := validFields(a.Input); err != nil {
			return fmt.Errorf("service %s: action %q: %w", s.ID, a.ID, err)
		}
		for _, f := range a.Input {
			if f.Keep && form[f.ID] {
				return fmt.Errorf("service %s: action %q keeps its input in form field %q", s.ID, a.ID, f.ID)
			}
		}
	}
	return nil
}
