package panel

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// logPageSize is how many entries a page of the bitácora shows.
const logPageSize = 100

// logFilters are the bitácora's filters: a period, a person, a folio, an action.
type logFilters struct {
	Desde, Hasta, Persona, Folio, Accion string
	Pagina                               int
}

// logLine is an entry of the bitácora as the page shows it.
type logLine struct {
	At                             time.Time
	Who, Name, Role, Folio, Action string
	Detail                         string
	Refused                        bool
}

type logData struct {
	F         logFilters
	Lines     []logLine
	Total     int
	Prev      string
	Next      string
	CSV       string
	People    []option
	Actions   []option
	From, To  int
	FromLabel string
}

// readLog reads the bitácora's filters; the period is the current month
// by default.
func (p *Panel) readLog(v url.Values, now time.Time) (logFilters, storage.LogFilter) {
	f := logFilters{Desde: v.Get("desde"), Hasta: v.Get("hasta"), Persona: v.Get("persona"),
		Folio: strings.ToUpper(strings.TrimSpace(v.Get("folio"))), Accion: v.Get("accion")}
	f.Pagina, _ = strconv.Atoi(v.Get("pagina"))
	f.Pagina = max(f.Pagina, 1)
	local := now.In(p.loc)
	if f.Desde == "" && f.Hasta == "" && f.Folio == "" {
		f.Desde = time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, p.loc).Format("2006-01-02")
		f.Hasta = local.Format("2006-01-02")
	}
	lf := storage.LogFilter{Folio: f.Folio}
	if d, err := time.ParseInLocation("2006-01-02", f.Desde, p.loc); err == nil {
		lf.From = d
	}
	if d, err := time.ParseInLocation("2006-01-02", f.Hasta, p.loc); err == nil {
		lf.To = d.AddDate(0, 0, 1)
	}
	return f, lf
}

func (f logFilters) values(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"desde": f.Desde, "hasta": f.Hasta, "persona": f.Persona, "folio": f.Folio, "accion": f.Accion} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if page > 1 {
		v.Set("pagina", strconv.Itoa(page))
	}
	return v.Encode()
}

// entries reads the bitácora of the filters, newest first, and the
// actions found in the period (for the filter's choices).
func (p *Panel) entries(r *http.Request, rq *request) (logFilters, []storage.LogEntry, []string, error) {
	f, lf := p.readLog(r.URL.Query(), rq.now)
	all, err := p.st.Log(r.Context(), lf)
	if err != nil {
		return f, nil, nil, err
	}
	// Newest first: by when it happened, then by when it was written.
	slices.SortStableFunc(all, func(a, b storage.LogEntry) int { return a.At.Compare(b.At) })
	var out []storage.LogEntry
	var actions []string
	for i := len(all) - 1; i >= 0; i-- {
		e := all[i]
		if !slices.Contains(actions, e.Action) {
			actions = append(actions, e.Action)
		}
		if (f.Persona == "" || e.Who == f.Persona) && (f.Accion == "" || e.Action == f.Accion) {
			out = append(out, e)
		}
	}
	slices.Sort(actions)
	return f, out, actions, nil
}

// bitacora shows the bitácora CT-RG.02, filtered, a page at a time.
func (p *Panel) bitacora(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Log, rq.who) {
		p.notFound(w, r, rq, "", "bitacora")
		return
	}
	f, list, actions, err := p.entries(r, rq)
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	d := &logData{F: f, Total: len(list), CSV: Prefix + "/bitacora.csv?" + f.values(0)}
	start := min((f.Pagina-1)*logPageSize, len(list))
	end := min(start+logPageSize, len(list))
	for _, e := range list[start:end] {
		d.Lines = append(d.Lines, logLine{At: e.At, Who: e.Who, Name: rq.dir.Name(e.Who), Role: p.roleName(rq.lang, e.Role),
			Folio: e.Folio, Action: p.actionName(rq.lang, e.Action), Detail: e.Detail, Refused: e.Action == "intento_no_autorizado"})
	}
	d.From, d.To = min(start+1, len(list)), end
	if f.Pagina > 1 {
		d.Prev = "?" + f.values(f.Pagina-1)
	}
	if end < len(list) {
		d.Next = "?" + f.values(f.Pagina+1)
	}
	people, err := p.st.People(r.Context())
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	for _, q := range people {
		d.People = append(d.People, option{q.ID, nameOr(rq.dir.Name, q.ID)})
	}
	for _, a := range actions {
		d.Actions = append(d.Actions, option{a, p.actionName(rq.lang, a)})
	}
	pg := p.newPage(rq, "panel.nav.log", "panel.log.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "bitacora", pg)
}

// bitacoraCSV exports the filtered bitácora as CSV, oldest first, with the
// columns of `ctdesk bitacora`.
func (p *Panel) bitacoraCSV(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Log, rq.who) {
		p.notFound(w, r, rq, "", "bitacora")
		return
	}
	f, list, _, err := p.entries(r, rq)
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	var b bytes.Buffer
	c := csv.NewWriter(&b)
	_ = c.Write([]string{"fecha", "hora", "persona", "nombre", "rol", "folio", "accion", "detalle"})
	for i := len(list) - 1; i >= 0; i-- {
		e, at := list[i], list[i].At.In(p.loc)
		_ = c.Write([]string{at.Format("02/01/2006"), at.Format("15:04:05"), cell(e.Who), cell(rq.dir.Name(e.Who)), string(e.Role),
			cell(e.Folio), cell(e.Action), cell(e.Detail)})
	}
	c.Flush()
	name := "CT-RG.02_bitacora"
	if f.Desde != "" || f.Hasta != "" {
		name += "_" + f.Desde + "_" + f.Hasta
	}
	if f.Folio != "" {
		name += "_" + f.Folio
	}
	download(w, name+".csv", "text/csv; charset=utf-8", b.Bytes())
}

// actionName names a bitácora action as the records do (one table for
// the bitácora, the reports and the chat's cards).
func (p *Panel) actionName(l, action string) string {
	return texts.ActionDone(l, "", action)
}

// roleName names a role.
func (p *Panel) roleName(l string, r storage.Role) string {
	return texts.RoleName(l, string(r))
}

// cell keeps what people typed from being read as a formula when the CSV
// is opened in a spreadsheet: a cell that starts like one (=, +, -, @, a
// tab or a carriage return) starts with an apostrophe instead.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
