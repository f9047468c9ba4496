package conversations

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// RequestPDF is a ticket's request CT-RG.03, printable: its data and
// answers, the visto bueno, every signature, the committed dates, the
// history and the files, named as the records name them. Returns an error
// wrapping storage.ErrNotFound for a folio that does not exist.
func (e *Engine) RequestPDF(ctx context.Context, folio string) ([]byte, error) {
	t, err := e.jobTurn(ctx, "", e.cfg.Now())
	if err != nil {
		return nil, err
	}
	tk, err := e.st.Ticket(ctx, folio)
	if err != nil {
		return nil, fmt.Errorf("conversations: request %s: %w", folio, err)
	}
	return t.requestPDF(ctx, &tk)
}

// requestPDF draws a ticket's request CT-RG.03, with the comments made on
// it (kept in the bitácora) in its history.
func (t *turn) requestPDF(ctx context.Context, tk *storage.Ticket) ([]byte, error) {
	log, err := t.e.st.Log(ctx, storage.LogFilter{Folio: tk.Folio})
	if err != nil {
		return nil, fmt.Errorf("conversations: request %s: %w", tk.Folio, err)
	}
	q := t.request(tk)
	q.History = withComments(q.History, log, t.dir.Name)
	var buf bytes.Buffer
	if err := report.WriteRequestPDF(&buf, q); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// withComments puts the comments of a ticket's bitácora among its history
// steps, in time order.
func withComments(steps []report.RequestStep, log []storage.LogEntry, name func(string) string) []report.RequestStep {
	for _, e := range log {
		if e.Action != commentAction {
			continue
		}
		by := name(e.Who)
		if role := texts.RoleName(recordsLang, string(e.Role)); role != "" {
			by += " (" + role + ")"
		}
		steps = append(steps, report.RequestStep{At: e.At, Action: texts.ActionDone(recordsLang, "", e.Action), By: by, Note: e.Detail})
	}
	slices.SortStableFunc(steps, func(a, b report.RequestStep) int { return a.At.Compare(b.At) })
	return steps
}

// request is a ticket as its printed request CT-RG.03 names it.
func (t *turn) request(tk *storage.Ticket) *report.Request {
	lang, dir := recordsLang, t.dir
	who := func(id string) string { return dir.Name(id) }
	q := &report.Request{
		Institution: t.e.cfg.Institution, Folio: tk.Folio, Service: texts.Text(lang, "svc."+tk.Service),
		Programmed: tk.Programmed, Requester: who(tk.Requester), Area: dir.AreaName(tk.Area),
		Status: texts.StatusName(lang, tk.Service, tk.Status), Created: tk.Created, Closed: tk.Closed,
		Fields: t.requestFields(lang, tk), Location: t.e.cfg.Location, Generated: t.now,
	}
	if p, ok := dir.Person(tk.Requester); ok {
		q.Position = p.Position
	}
	if tk.Assignee != "" {
		q.Assignee = who(tk.Assignee)
	}
	for _, a := range tk.Approvals {
		q.Approvals = append(q.Approvals, report.RequestApproval{Kind: texts.RoleName(lang, a.Kind), By: who(a.By),
			Approved: a.Approved, Reason: a.Reason, At: a.At})
	}
	for _, d := range tk.Dates {
		q.Dates = append(q.Dates, report.RequestDate{Date: d.Date, Reason: d.Reason, By: who(d.By), At: d.At})
	}
	for _, s := range tk.Signatures {
		q.Signatures = append(q.Signatures, report.RequestSignature{What: s.What, By: who(s.By), At: s.At})
	}
	for _, h := range tk.History {
		by := who(h.By)
		if role := texts.RoleName(lang, string(h.Role)); role != "" {
			by += " (" + role + ")"
		}
		q.History = append(q.History, report.RequestStep{At: h.At, Action: texts.ActionDone(lang, tk.Service, h.Action), By: by, Note: h.Note})
	}
	for _, a := range tk.Attachments {
		q.Attachments = append(q.Attachments, report.RequestFile{Name: a.Name, Step: t.stepName(lang, tk.Service, a.Step),
			By: who(a.By), At: a.At, ForReport: a.ForReport, Caption: a.Caption})
	}
	if r := tk.Rating; r != nil {
		q.Rating = report.RequestRating{Score: r.Score, Comment: r.Comment, At: r.At}
	}
	return q
}

// requestFields are a ticket's answers, then the values CT's work kept.
func (t *turn) requestFields(lang string, tk *storage.Ticket) []report.Field {
	svc := t.e.services[tk.Service]
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
		value := t.showAnswer(lang, svc, f, v)
		if f.Kind == workflow.KindFile {
			value = fileNames(tk, f.ID)
		}
		out = append(out, report.Field{Label: texts.Text(lang, svc.ID+"."+f.ID), Value: value})
	}
	for _, kv := range keptValues(lang, svc, tk) {
		out = append(out, report.Field{Label: kv[0], Value: kv[1]})
	}
	return out
}

// fileNames lists the files given to a field, or "" for none.
func fileNames(tk *storage.Ticket, field string) string {
	var names []string
	for _, a := range tk.Attachments {
		if a.Step == field {
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, ", ")
}

// stepName names the step a file answered: a field of the form by its
// label, an action as done.
func (t *turn) stepName(lang, service, step string) string {
	if svc := t.e.services[service]; svc != nil {
		for _, f := range svc.Fields {
			if f.ID == step {
				return texts.Text(lang, service+"."+f.ID)
			}
		}
	}
	return texts.ActionDone(lang, service, step)
}

// sendRequestPDF answers the «PDF» button of a ticket's view: the request
// CT-RG.03 as a file, to whoever may see the ticket.
func (t *turn) sendRequestPDF(ctx context.Context, folio string) error {
	tk, ok, err := t.pressedTicket(ctx, folio)
	if !ok {
		return err
	}
	if !t.policy().MayView(tk, t.who) {
		t.notice = t.tr("ticket.notfound", folio)
		return t.refuse(ctx, tk.Folio, "pdf", "pdf")
	}
	data, err := t.requestPDF(ctx, tk)
	if err != nil {
		return err
	}
	name := "CT-RG.03_" + tk.Folio + ".pdf"
	id, err := t.e.st.PutFile(ctx, storage.File{Name: name, MIME: "application/pdf", Size: int64(len(data)), Data: data, Created: t.now})
	if err != nil {
		return fmt.Errorf("conversations: keep %s: %w", name, err)
	}
	t.out = append(t.out, Message{To: t.recipient(), Text: t.tr("ticket.pdf.sent", tk.Folio), Files: []OutFile{{ID: id, Name: name}}})
	return nil
}
