package panel

import (
	"bytes"
	"net/http"
	"strings"

	"ctdesk/lib/report"
	"ctdesk/storage"
)

// requestPDF serves a ticket's request CT-RG.03, printable: the request
// with its fields, the visto bueno, the committed dates, the signatures
// and the history, with the labels the ticket's page uses.
func (p *Panel) requestPDF(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	doc, err := p.requestDoc(r, rq, tk)
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	var b bytes.Buffer
	if err := report.WriteRequestPDF(&b, doc); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	download(w, "CT-RG.03_"+tk.Folio+".pdf", "application/pdf", b.Bytes())
}

// requestDoc is a ticket as its CT-RG.03 prints it, in the reader's language.
func (p *Panel) requestDoc(r *http.Request, rq *request, tk *storage.Ticket) (*report.Request, error) {
	l := lang(rq.lang)
	doc := &report.Request{Institution: p.cfg.Institution, Folio: tk.Folio, Service: l.T("svc." + tk.Service),
		Status: p.eng.StatusName(rq.lang, tk), Requester: rq.dir.Name(tk.Requester), Area: rq.dir.AreaName(tk.Area),
		Assignee: nameOr(rq.dir.Name, tk.Assignee), Created: tk.Created, Location: p.loc, Labels: map[string]string{}}
	for _, k := range []string{"title", "service", "requester", "status", "assignee", "created", "fields", "approvals", "dates", "signatures", "history", "page"} {
		doc.Labels[k] = l.T("panel.pdf." + k)
	}
	answers, err := p.eng.Answers(r.Context(), rq.lang, tk)
	if err != nil {
		return nil, err
	}
	for _, a := range answers {
		doc.Fields = append(doc.Fields, [2]string{a.Label, a.Value})
	}
	for _, a := range tk.Approvals {
		key := "panel.ticket.refused"
		if a.Approved {
			key = "panel.ticket.approved"
		}
		text := l.T("panel.approval."+a.Kind) + ": " + l.T(key, rq.dir.Name(a.By))
		if a.Reason != "" {
			text += " — " + a.Reason
		}
		doc.Approvals = append(doc.Approvals, report.RequestLine{At: a.At, Text: text})
	}
	for _, d := range tk.Dates {
		text := dayOf(d.Date, p.loc) + " · " + rq.dir.Name(d.By)
		if d.Reason != "" {
			text += " — " + d.Reason
		}
		doc.Dates = append(doc.Dates, report.RequestLine{At: d.At, Text: text})
	}
	for _, s := range tk.Signatures {
		doc.Signatures = append(doc.Signatures, report.RequestLine{At: s.At, Text: s.What + " — " + rq.dir.Name(s.By)})
	}
	events, err := p.history(r, rq, tk)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		text := e.What + " — " + e.Who
		if e.Note != "" {
			text += ": " + strings.ReplaceAll(e.Note, "\n", " ")
		}
		doc.History = append(doc.History, report.RequestLine{At: e.At, Text: text})
	}
	return doc, nil
}
