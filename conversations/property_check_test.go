package conversations_test

import (
	"context"
	"slices"

	"ctdesk/conversations/convtest"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// check verifies every stored ticket; withLog also matches its history
// against the bitácora.
func (p *property) check(withLog bool) {
	tb := p.tb
	tb.Helper()
	ts, err := p.st.Tickets(context.Background(), storage.TicketFilter{})
	if err != nil {
		tb.Fatalf("tickets: %v", err)
	}
	for i := range ts {
		tk := &ts[i]
		svc, ok := p.svcs[tk.Service]
		if !ok {
			tb.Fatalf("%s: unknown service %q", tk.Folio, tk.Service)
		}
		if !slices.Contains(svc.Statuses(), tk.Status) {
			tb.Fatalf("%s: status %q is not declared by %s", tk.Folio, tk.Status, svc.ID)
		}
		p.reached[tk.Service+"."+tk.Status]++
		p.checkHistory(svc, tk)
		p.checkApprovals(tk)
		if prev, ok := p.last[tk.Folio]; ok {
			p.checkGrowth(&prev, tk)
		}
		if tk.Rating != nil && (tk.Rating.By != tk.Requester || tk.Rating.By == tk.Assignee || tk.Status != storage.StatusClosed) {
			tb.Fatalf("%s: rated by %s (requester %s, assignee %s, status %s)", tk.Folio, tk.Rating.By, tk.Requester, tk.Assignee, tk.Status)
		}
		if withLog {
			p.checkLog(tk)
		}
		p.last[tk.Folio] = *tk
	}
}

// checkHistory verifies that each step is a declared action, taken from a
// status it allows by someone it allows, and that the steps chain.
func (p *property) checkHistory(svc *workflow.Service, tk *storage.Ticket) {
	tb := p.tb
	if len(tk.History) == 0 || tk.History[0].Action != "solicitar" || tk.History[0].By != tk.Requester {
		tb.Fatalf("%s: history does not start with the request: %+v", tk.Folio, tk.History)
	}
	for i, h := range tk.History[1:] {
		prev := tk.History[i]
		a, ok := svc.Action(h.Action)
		switch {
		case !ok:
			tb.Fatalf("%s: step %q is not an action of %s", tk.Folio, h.Action, svc.ID)
		case h.From != prev.To:
			tb.Fatalf("%s: step %q starts at %q but the ticket was %q", tk.Folio, h.Action, h.From, prev.To)
		case !slices.Contains(a.From, h.From):
			tb.Fatalf("%s: %q taken from %q; it allows %v", tk.Folio, h.Action, h.From, a.From)
		case !slices.Contains(svc.Statuses(), h.To):
			tb.Fatalf("%s: %q went to undeclared %q", tk.Folio, h.Action, h.To)
		case a.Do == nil && h.To != a.To:
			tb.Fatalf("%s: %q went to %q, declared %q", tk.Folio, h.Action, h.To, a.To)
		case !p.allowed(a.Who, tk, h.By):
			tb.Fatalf("%s: %s took %q without the right", tk.Folio, h.By, h.Action)
		}
		if storage.StatusClosed == prev.To || storage.StatusRejected == prev.To || storage.StatusCancelled == prev.To {
			tb.Fatalf("%s: %q applied after the ticket ended (%s)", tk.Folio, h.Action, prev.To)
		}
	}
	if last := tk.History[len(tk.History)-1]; last.To != tk.Status {
		tb.Fatalf("%s: status %q but history ends at %q", tk.Folio, tk.Status, last.To)
	}
}

// allowed reports whether a person fits any of the actors.
func (p *property) allowed(who policy.Actor, tk *storage.Ticket, id string) bool {
	role := p.people[id].Role
	switch {
	case who&policy.Requester != 0 && id == tk.Requester,
		who&policy.Supervisor != 0 && id == p.supervisor(tk.Area),
		who&policy.Autoridad != 0 && role == storage.RoleAutoridad,
		who&(policy.Staff|policy.Assignee) != 0 && role.IsStaff(),
		who&policy.Coordinator != 0 && role == storage.RoleCoordinador:
		return true
	}
	return false
}

func (p *property) supervisor(area string) string {
	for _, a := range convtest.Areas {
		if a.ID == area {
			return a.Supervisor
		}
	}
	return ""
}

// checkApprovals verifies that every visto bueno came from its approver.
func (p *property) checkApprovals(tk *storage.Ticket) {
	for _, a := range tk.Approvals {
		ok := false
		switch a.Kind {
		case "supervisor":
			ok = a.By == p.supervisor(tk.Area)
		case string(storage.RoleAutoridad):
			ok = p.people[a.By].Role == storage.RoleAutoridad
		}
		if !ok {
			p.tb.Fatalf("%s: %s gave a %q visto bueno (approved %v)", tk.Folio, a.By, a.Kind, a.Approved)
		}
	}
}

// checkGrowth verifies that what the ticket had is still there.
func (p *property) checkGrowth(prev, tk *storage.Ticket) {
	tb := p.tb
	if len(tk.History) < len(prev.History) || len(tk.Approvals) < len(prev.Approvals) ||
		len(tk.Dates) < len(prev.Dates) || len(tk.Attachments) < len(prev.Attachments) || len(tk.Signatures) < len(prev.Signatures) {
		tb.Fatalf("%s: the record shrank", tk.Folio)
	}
	for i, h := range prev.History {
		g := tk.History[i]
		if g.Action != h.Action || g.By != h.By || !g.At.Equal(h.At) || g.To != h.To || g.Note != h.Note {
			tb.Fatalf("%s: history step %d changed from %+v to %+v", tk.Folio, i, h, g)
		}
	}
	if prev.Terminal() && tk.Status != prev.Status {
		tb.Fatalf("%s: ended as %q and then became %q", tk.Folio, prev.Status, tk.Status)
	}
}

// checkLog verifies that each history step is in the bitácora.
func (p *property) checkLog(tk *storage.Ticket) {
	log, err := p.st.Log(context.Background(), storage.LogFilter{Folio: tk.Folio})
	if err != nil {
		p.tb.Fatalf("log %s: %v", tk.Folio, err)
	}
	for _, h := range tk.History {
		want := h.Action
		if want == "solicitar" {
			want = "solicitud"
		}
		found := false
		for _, e := range log {
			if e.Action == want && e.Who == h.By && e.At.Equal(h.At) {
				found = true
				break
			}
		}
		if !found {
			p.tb.Fatalf("%s: step %q by %s at %v is not in the bitácora", tk.Folio, h.Action, h.By, h.At)
		}
	}
}
