package conversations

import "fmt"

// DefaultServices returns the five services of the procedure, in menu order.
func DefaultServices() []*Service {
	return []*Service{
		placeholder("mantenimiento"),
		placeholder("web"),
		Correo(),
		placeholder("diseno"),
		placeholder("control-escolar"),
	}
}

// placeholder is a service that cannot be requested in chat yet.
func placeholder(id string) *Service { return &Service{ID: id} }

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
	}
	return nil
}
