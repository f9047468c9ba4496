package panel

import (
	"errors"
	"net/http"
	"sort"
	"strings"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// event is one line of a ticket's history: a step of its workflow, or a
// comment from the bitácora.
type event struct {
	At                time.Time
	What, Who, Note   string
	Comment, Attempts bool
	Date              time.Time // the committed date the step gave
}

// ticketData is what a ticket's page shows.
type ticketData struct {
	T        *storage.Ticket
	Service  string
	Status   string
	Overdue  bool
	Closed   bool
	Names    map[string]string
	Area     string
	Answers  []conversations.Labeled
	Dates    []dateLine
	Approved []approvalLine
	// Unreached names the approvers the ticket waits for whom no platform reaches.
	Unreached []string
	History   []event
	Photos    []storage.Attachment
	Files     []storage.Attachment
	Signs     []signLine
	Offers    []conversations.Offer
	Comment   bool
	PDF       bool
	Nonce     string
	Problem   string
	Field     string
	Values    map[string]string
}

type dateLine struct {
	Date, At     time.Time
	By, Reason   string
	Current, Old bool
}

type approvalLine struct {
	Kind, By, Reason string
	Approved         bool
	At               time.Time
}

type signLine struct {
	What, By string
	At       time.Time
}

// viewable loads a ticket the person may see; anything else answers 404
// and writes the attempt.
func (p *Panel) viewable(w http.ResponseWriter, r *http.Request, rq *request) (*storage.Ticket, bool) {
	folio := strings.ToUpper(r.PathValue("folio"))
	tk, err := p.st.Ticket(r.Context(), folio)
	if errors.Is(err, storage.ErrNotFound) {
		p.notFound(w, r, rq, "", "")
		return nil, false
	}
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return nil, false
	}
	if !policy.New(rq.dir).MayView(&tk, rq.who) {
		p.notFound(w, r, rq, tk.Folio, "ver")
		return nil, false
	}
	return &tk, true
}

// ticket shows one ticket with everything it carries, and the actions the
// person may take on it.
func (p *Panel) ticket(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	flash := ""
	switch r.URL.Query().Get("hecho") {
	case "done":
		flash = lang(rq.lang).T("panel.ticket.done")
	case "commented":
		flash = lang(rq.lang).T("panel.ticket.commented")
	}
	p.showTicket(w, r, rq, tk, nil, flash)
}

// showTicket renders a ticket's page, with a problem of the form that was
// just sent (answered with the form's values) or a flash of what it did.
func (p *Panel) showTicket(w http.ResponseWriter, r *http.Request, rq *request, tk *storage.Ticket, res *conversations.ActResult, flash string) {
	ctx := r.Context()
	l := lang(rq.lang)
	d := &ticketData{T: tk, Service: l.T("svc." + tk.Service), Status: p.eng.StatusName(rq.lang, tk), Closed: tk.Terminal(),
		Area: rq.dir.AreaName(tk.Area), Names: map[string]string{}, Nonce: newToken(), PDF: true}
	for _, id := range []string{tk.Requester, tk.Assignee} {
		d.Names[id] = rq.dir.Name(id)
	}
	due := tk.DueDate()
	d.Overdue = !tk.Terminal() && !due.IsZero() && due.Before(p.cfg.Calendar.StartOfDay(rq.now))
	var err error
	if d.Answers, err = p.eng.Answers(ctx, rq.lang, tk); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	for i, c := range tk.Dates {
		d.Dates = append(d.Dates, dateLine{Date: c.Date, At: c.At, By: rq.dir.Name(c.By), Reason: c.Reason,
			Current: i == len(tk.Dates)-1, Old: i < len(tk.Dates)-1})
	}
	for _, a := range tk.Approvals {
		d.Approved = append(d.Approved, approvalLine{Kind: l.T("panel.approval." + a.Kind), By: rq.dir.Name(a.By),
			Reason: a.Reason, Approved: a.Approved, At: a.At})
	}
	if d.Unreached, err = p.eng.NotReached(ctx, tk); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	for _, s := range tk.Signatures {
		d.Signs = append(d.Signs, signLine{What: s.What, By: rq.dir.Name(s.By), At: s.At})
	}
	for _, a := range tk.Attachments {
		if a.Photo || strings.HasPrefix(a.MIME, "image/") {
			d.Photos = append(d.Photos, a)
		} else {
			d.Files = append(d.Files, a)
		}
	}
	if d.History, err = p.history(r, rq, tk); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	if d.Offers, err = p.eng.Offers(ctx, rq.who, tk); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	d.Comment = policy.New(rq.dir).MayComment(tk, rq.who)
	status := http.StatusOK
	pg := p.newPage(rq, "panel.nav.queue", "panel.ticket.title")
	pg.Title = tk.Folio + " · " + d.Service
	if res != nil && res.Problem != "" {
		d.Problem, d.Field = res.Problem, res.Field
		d.Values = map[string]string{}
		for k, v := range r.PostForm {
			d.Values[k] = strings.Join(v, "")
		}
		status = http.StatusUnprocessableEntity
	}
	pg.Flash, pg.Data = flash, d
	p.render(w, r, status, "ticket", pg)
}

// history merges the ticket's steps with the comments of the bitácora.
func (p *Panel) history(r *http.Request, rq *request, tk *storage.Ticket) ([]event, error) {
	var out []event
	for _, h := range tk.History {
		e := event{At: h.At, What: texts.ActionDone(rq.lang, tk.Service, h.Action), Who: rq.dir.Name(h.By), Note: h.Note}
		if strings.Contains(h.Action, "asignar") && e.Note != "" {
			e.Note = "→ " + e.Note // the note of an assignment names who got it
		}
		for _, c := range tk.Dates {
			if c.At.Equal(h.At) && c.By == h.By {
				e.Date = c.Date
			}
		}
		out = append(out, e)
	}
	entries, err := p.st.Log(r.Context(), storage.LogFilter{Folio: tk.Folio})
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.Action == "comentario" {
			out = append(out, event{At: e.At, What: lang(rq.lang).T("panel.ticket.comment"), Who: rq.dir.Name(e.Who), Note: e.Detail, Comment: true})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// act takes an action through the engine, as a press in chat would.
func (p *Panel) act(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	req := conversations.ActRequest{ID: r.PostFormValue("nonce"), Person: rq.who.ID, Folio: tk.Folio,
		Action: r.PostFormValue("accion"), Answers: map[string]string{}, Files: map[string][]conversations.IncomingFile{}}
	req.Step = atoi(r.PostFormValue("paso"))
	for k, v := range r.PostForm {
		if name, ok := strings.CutPrefix(k, "in_"); ok && len(v) > 0 {
			req.Answers[name] = v[0]
		}
	}
	if r.MultipartForm != nil {
		for k, fhs := range r.MultipartForm.File {
			name, ok := strings.CutPrefix(k, "in_")
			if !ok {
				continue
			}
			files, err := readFiles(fhs)
			if err != nil {
				p.fail(w, r, rq.lang, err)
				return
			}
			req.Files[name] = files
		}
	}
	res, err := p.eng.Act(r.Context(), req)
	p.after(w, r, rq, tk, &res, err, "panel.ticket.done")
}

// comment writes a comment through the engine.
func (p *Panel) comment(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	res, err := p.eng.Comment(r.Context(), conversations.CommentRequest{ID: r.PostFormValue("nonce"), Person: rq.who.ID,
		Folio: tk.Folio, Text: r.PostFormValue("texto")})
	p.after(w, r, rq, tk, &res, err, "panel.ticket.commented")
}

// after shows the ticket once an action or comment went through: the
// form again with what was wrong, or a fresh page (a redirect, so a
// reload sends nothing twice).
func (p *Panel) after(w http.ResponseWriter, r *http.Request, rq *request, tk *storage.Ticket, res *conversations.ActResult, err error, done string) {
	switch {
	case err != nil:
		p.fail(w, r, rq.lang, err)
	case res.Problem != "":
		p.showTicket(w, r, rq, tk, res, "")
	case res.Duplicate:
		http.Redirect(w, r, Prefix+"/folio/"+tk.Folio, http.StatusSeeOther)
	default:
		http.Redirect(w, r, Prefix+"/folio/"+tk.Folio+"?hecho="+strings.TrimPrefix(done, "panel.ticket."), http.StatusSeeOther)
	}
}
