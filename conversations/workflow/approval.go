package workflow

import (
	"slices"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// AwaitsApproval reports whether a ticket of the service in status waits
// for a visto bueno: a status from which an approval action starts.
func (s *Service) AwaitsApproval(status string) bool {
	return slices.ContainsFunc(s.Actions, func(a Action) bool { return a.Approval != "" && a.Allows(status) })
}

// AwaitingApproval reports whether the ticket waits for a visto bueno now:
// an approval action can be taken on it.
func (s *Service) AwaitingApproval(tk *storage.Ticket) bool {
	return slices.ContainsFunc(s.Actions, func(a Action) bool { return a.Approval != "" && a.Can(tk) })
}

// ApprovalStatuses lists the statuses where a visto bueno declared for
// these actors waits.
func (s *Service) ApprovalStatuses(by policy.Actor) []string {
	var out []string
	for _, a := range s.Actions {
		if a.Approval == "" || a.Who&by == 0 {
			continue
		}
		for _, st := range a.From {
			if !slices.Contains(out, st) {
				out = append(out, st)
			}
		}
	}
	return out
}
