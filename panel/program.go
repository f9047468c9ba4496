package panel

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// planLine is an item of the program CT-RG.01 with how it goes.
type planLine struct {
	Planned                  time.Time
	Area, Equipment, Tecnico string
	Folio, Status            string
	Done, Late, Open, NotYet bool
}

type programData struct {
	Year                 int
	Lines                []planLine
	Total, Done, Percent int
	Late                 int
	Result               string
	Nonce                string
}

// program shows this year's program CT-RG.01 and its progress: each item
// with its programmed ticket once opened, and the form to import the file.
func (p *Panel) program(w http.ResponseWriter, r *http.Request, rq *request) {
	p.showProgram(w, r, rq, "")
}

func (p *Panel) showProgram(w http.ResponseWriter, r *http.Request, rq *request, result string) {
	if !policy.MayUse(policy.Program, rq.who) {
		p.notFound(w, r, rq, "", "programa")
		return
	}
	ctx := r.Context()
	year := rq.now.In(p.loc).Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("anio")); err == nil && y > 2000 && y < 3000 {
		year = y
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, p.loc)
	items, err := p.st.PlanItems(ctx, from, from.AddDate(1, 0, 0))
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	today := p.cfg.Calendar.StartOfDay(rq.now)
	d := &programData{Year: year, Total: len(items), Result: result, Nonce: newToken()}
	for _, it := range items {
		line := planLine{Planned: it.Planned, Area: rq.dir.AreaName(it.Area), Equipment: it.Equipment,
			Tecnico: rq.dir.Name(it.Tecnico), Folio: it.Folio, NotYet: it.Folio == ""}
		if it.Folio != "" {
			tk, err := p.st.Ticket(ctx, it.Folio)
			switch {
			case errors.Is(err, storage.ErrNotFound):
			case err != nil:
				p.fail(w, r, rq.lang, err)
				return
			default:
				line.Status = p.eng.StatusName(rq.lang, &tk)
				line.Done = tk.Status == storage.StatusClosed
				line.Open = !tk.Terminal()
			}
		}
		line.Late = !line.Done && it.Planned.Before(today)
		if line.Done {
			d.Done++
		}
		if line.Late {
			d.Late++
		}
		d.Lines = append(d.Lines, line)
	}
	if d.Total > 0 {
		d.Percent = 100 * d.Done / d.Total
	}
	pg := p.newPage(rq, "panel.nav.program", "panel.program.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "program", pg)
}

// importProgram imports the program's file through the engine, as sending
// it to the bot does; what the bot answers is shown.
func (p *Panel) importProgram(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Program, rq.who) {
		p.notFound(w, r, rq, "", "programa")
		return
	}
	var files []conversations.IncomingFile
	if r.MultipartForm != nil {
		var err error
		if files, err = readFiles(r.MultipartForm.File["archivo"]); err != nil {
			p.fail(w, r, rq.lang, err)
			return
		}
	}
	if len(files) != 1 {
		p.showProgram(w, r, rq, lang(rq.lang).T("panel.program.nofile"))
		return
	}
	res, err := p.eng.Handle(r.Context(), conversations.Event{ID: "web:" + r.PostFormValue("nonce"), Person: rq.who.ID,
		Files: files, At: rq.now})
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	p.showProgram(w, r, rq, said(res, rq.who.ID))
}

// said is what the engine answered a person in chat.
func said(res conversations.Result, to string) string {
	var out []string
	for _, m := range res.Messages {
		if m.To == to && m.Edit == "" {
			out = append(out, m.Text)
		}
	}
	return strings.Join(out, "\n\n")
}
