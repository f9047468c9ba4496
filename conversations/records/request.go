package records

import (
	"slices"
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// Sources are what a request is drawn with besides its ticket: the
// institution, the ticket's service, and how people, areas and answers
// are named now.
type Sources struct {
	Institution string
	Location    *time.Location
	Generated   time.Time
	// Service is the ticket's service; nil when it is no longer declared.
	Service *workflow.Service
	// Name names a person by id, Area an area by id.
	Name, Area func(id string) string
	// Person finds a person in the directory, for their position.
	Person func(id string) (storage.Person, bool)
	// Comment is the bitácora action of a comment on a ticket.
	Comment string
}

// Request is a ticket as its printed request CT-RG.03 names it, with the
// comments made on it (those of log, its bitácora) in its history.
func Request(tk *storage.Ticket, log []storage.LogEntry, s Sources) *report.Request {
	q := &report.Request{
		Institution: s.Institution, Folio: tk.Folio, Service: texts.Text(Lang, "svc."+tk.Service),
		Programmed: tk.Programmed, Requester: s.Name(tk.Requester), Area: s.Area(tk.Area),
		Status: texts.StatusName(Lang, tk.Service, tk.Status), Created: tk.Created, Closed: tk.Closed,
		Fields: fields(tk, s), Location: s.Location, Generated: s.Generated,
	}
	if p, ok := s.Person(tk.Requester); ok {
		q.Position = p.Position
	}
	if tk.Assignee != "" {
		q.Assignee = s.Name(tk.Assignee)
	}
	for _, a := range tk.Approvals {
		q.Approvals = append(q.Approvals, report.RequestApproval{Kind: texts.RoleName(Lang, a.Kind), By: s.Name(a.By),
			Approved: a.Approved, Reason: a.Reason, At: a.At})
	}
	for _, d := range tk.Dates {
		q.Dates = append(q.Dates, report.RequestDate{Date: d.Date, Reason: d.Reason, By: s.Name(d.By), At: d.At})
	}
	for _, g := range tk.Signatures {
		q.Signatures = append(q.Signatures, report.RequestSignature{What: g.What, By: s.Name(g.By), At: g.At})
	}
	for _, h := range tk.History {
		q.History = append(q.History, report.RequestStep{At: h.At, Action: texts.ActionDone(Lang, tk.Service, h.Action),
			By: withRole(s.Name(h.By), h.Role), Note: h.Note})
	}
	for _, a := range tk.Attachments {
		q.Attachments = append(q.Attachments, report.RequestFile{Name: a.Name, Step: stepName(s.Service, tk.Service, a.Step),
			By: s.Name(a.By), At: a.At, ForReport: a.ForReport, Caption: a.Caption})
	}
	if r := tk.Rating; r != nil {
		q.Rating = report.RequestRating{Score: r.Score, Comment: r.Comment, At: r.At}
	}
	q.History = withComments(q.History, log, s)
	return q
}

// withRole is a person's name as a history step shows it: with the role
// they acted in, when they had one.
func withRole(name string, role storage.Role) string {
	if r := texts.RoleName(Lang, string(role)); r != "" {
		return name + " (" + r + ")"
	}
	return name
}

// withComments puts the comments of a ticket's bitácora among its history
// steps, in time order.
func withComments(steps []report.RequestStep, log []storage.LogEntry, s Sources) []report.RequestStep {
	for _, e := range log {
		if e.Action != s.Comment {
			continue
		}
		steps = append(steps, report.RequestStep{At: e.At, Action: texts.ActionDone(Lang, "", e.Action),
			By: withRole(s.Name(e.Who), e.Role), Note: e.Detail})
	}
	slices.SortStableFunc(steps, func(a, b report.RequestStep) int { return a.At.Compare(b.At) })
	return steps
}

// fields are a ticket's answers, then the values CT's work kept.
func fields(tk *storage.Ticket, s Sources) []report.Field {
	svc := s.Service
	if svc == nil {
		return nil
	}
	var out []report.Field
	for i := range svc.Fields {
		f := &svc.Fields[i]
		v, ok := tk.Fields[f.ID]
		if !ok && f.Kind != workflow.KindFile {
			continue
		}
		value := Answer(Lang, svc, f, v, s.Area)
		if f.Kind == workflow.KindFile {
			value = fileNames(tk, f.ID)
		}
		out = append(out, report.Field{Label: texts.Text(Lang, svc.ID+"."+f.ID), Value: value})
	}
	for _, kv := range KeptValues(Lang, svc, tk) {
		out = append(out, report.Field{Label: kv[0], Value: kv[1]})
	}
	return out
}

// stepName names the step a file answered: a field of the form by its
// label, an action as done.
func stepName(svc *workflow.Service, service, step string) string {
	if svc != nil {
		for _, f := range svc.Fields {
			if f.ID == step {
				return texts.Text(Lang, service+"."+f.ID)
			}
		}
	}
	return texts.ActionDone(Lang, service, step)
}
