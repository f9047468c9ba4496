package panel

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// pageSize is how many tickets a page of the queue lists.
const pageSize = 25

// filters are the queue's filters as the form sends them.
type filters struct {
	Q, Estado, Servicio, Area, Tecnico, Desde, Hasta, Orden string
	Pagina                                                  int
}

// readFilters reads the queue's filters from a URL's query.
func readFilters(v url.Values) filters {
	f := filters{Q: strings.TrimSpace(v.Get("q")), Estado: v.Get("estado"), Servicio: v.Get("servicio"), Area: v.Get("area"),
		Tecnico: v.Get("tecnico"), Desde: v.Get("desde"), Hasta: v.Get("hasta"), Orden: v.Get("orden")}
	if f.Estado == "" {
		f.Estado = "abiertas"
	}
	f.Pagina, _ = strconv.Atoi(v.Get("pagina"))
	if f.Pagina < 1 {
		f.Pagina = 1
	}
	return f
}

// values writes the filters back as a query, on another page.
func (f filters) values(page int) string {
	v := url.Values{}
	for k, s := range map[string]string{"q": f.Q, "estado": f.Estado, "servicio": f.Servicio, "area": f.Area,
		"tecnico": f.Tecnico, "desde": f.Desde, "hasta": f.Hasta, "orden": f.Orden} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if page > 1 {
		v.Set("pagina", strconv.Itoa(page))
	}
	return v.Encode()
}

// query turns the filters into a store query within the person's scope.
func (p *Panel) query(rq *request, f filters) storage.TicketQuery {
	q := storage.TicketQuery{Scope: p.eng.Scope(rq.dir, rq.who), Service: f.Servicio, Area: f.Area,
		Offset: (f.Pagina - 1) * pageSize, Limit: pageSize, Desc: true}
	today := p.cfg.Calendar.StartOfDay(rq.now)
	switch f.Estado {
	case "todas":
	case "abiertas":
		q.Statuses = p.eng.OpenStatuses()
	case "vencidas":
		q.Statuses, q.DueBefore = p.eng.OpenStatuses(), today
	default:
		q.Statuses = []string{f.Estado}
	}
	switch f.Tecnico {
	case "":
	case "-":
		q.Unassigned = true
	default:
		q.Assignee = f.Tecnico
	}
	if d, err := time.ParseInLocation("2006-01-02", f.Desde, p.loc); err == nil {
		q.CreatedFrom = d
	}
	if d, err := time.ParseInLocation("2006-01-02", f.Hasta, p.loc); err == nil {
		q.CreatedTo = d.AddDate(0, 0, 1)
	}
	switch f.Orden {
	case "antiguas":
		q.Desc = false
	case "actualizadas":
		q.Sort = storage.SortUpdated
	case "fecha":
		q.Sort, q.Desc = storage.SortDue, false
	}
	q.Search = p.search(rq, f.Q)
	return q
}

// search finds what was typed: the words in the tickets (folio, serial
// number, text), or the people whose name has them (requester).
func (p *Panel) search(rq *request, typed string) storage.TicketSearch {
	words := storage.SearchWords(typed)
	if len(words) > 8 {
		words = words[:8]
	}
	if len(words) == 0 {
		return storage.TicketSearch{}
	}
	s := storage.TicketSearch{Words: words}
	for _, person := range rq.dir.WithRole(storage.RoleUsuario, storage.RoleSupervisor, storage.RoleAutoridad, storage.RoleTecnico, storage.RoleCoordinador) {
		text := " " + strings.Join(storage.SearchWords(person.Name), " ")
		found := true
		for _, w := range words {
			if !strings.Contains(text, " "+w) {
				found = false
				break
			}
		}
		if found {
			s.Requesters = append(s.Requesters, person.ID)
		}
	}
	return s
}

// row is a ticket as the queue lists it.
type row struct {
	Folio, Service, Requester, Area, Status, Assignee string
	Created, Updated, Due                             time.Time
	Overdue, Closed                                   bool
}

// queueData is what the queue page shows.
type queueData struct {
	F                         filters
	Rows                      []row
	Total, From, To           int
	Prev, Next                string
	Pages                     []pageLink
	Statuses, Services, Areas []option
	Staff                     []option
	CT                        bool
}

type pageLink struct {
	N       int
	Href    string
	Current bool
}

type option struct{ Value, Label string }

// queue shows the tickets the person may list, filtered, searched, sorted
// and a page at a time.
func (p *Panel) queue(w http.ResponseWriter, r *http.Request, rq *request) {
	f := readFilters(r.URL.Query())
	res, err := p.st.QueryTickets(r.Context(), p.query(rq, f))
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	today := p.cfg.Calendar.StartOfDay(rq.now)
	d := &queueData{F: f, Total: res.Total, CT: rq.who.Role.IsStaff()}
	for i := range res.Tickets {
		tk := &res.Tickets[i]
		due := tk.DueDate()
		d.Rows = append(d.Rows, row{Folio: tk.Folio, Service: lang(rq.lang).T("svc." + tk.Service),
			Requester: rq.dir.Name(tk.Requester), Area: rq.dir.AreaName(tk.Area), Status: p.eng.StatusName(rq.lang, tk),
			Assignee: nameOr(rq.dir.Name, tk.Assignee), Created: tk.Created, Updated: tk.Updated, Due: due,
			Overdue: !tk.Terminal() && !due.IsZero() && due.Before(today), Closed: tk.Terminal()})
	}
	d.From, d.To = min((f.Pagina-1)*pageSize+1, res.Total), (f.Pagina-1)*pageSize+len(res.Tickets)
	pages := (res.Total + pageSize - 1) / pageSize
	if f.Pagina > 1 {
		d.Prev = "?" + f.values(f.Pagina-1)
	}
	if f.Pagina < pages {
		d.Next = "?" + f.values(f.Pagina+1)
	}
	for _, n := range pageNumbers(f.Pagina, pages) {
		d.Pages = append(d.Pages, pageLink{N: n, Href: "?" + f.values(n), Current: n == f.Pagina})
	}
	p.queueOptions(rq, d)
	pg := p.newPage(rq, "panel.nav.queue", "panel.queue.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "queue", pg)
}

// queueOptions fills the choices of the filters.
func (p *Panel) queueOptions(rq *request, d *queueData) {
	l := lang(rq.lang)
	for _, s := range p.eng.Statuses(rq.lang) {
		d.Statuses = append(d.Statuses, option{s.ID, s.Name})
	}
	for _, s := range p.eng.Services(rq.lang) {
		d.Services = append(d.Services, option{s.ID, s.Name})
	}
	for _, a := range rq.dir.Areas() {
		d.Areas = append(d.Areas, option{a.ID, a.Name})
	}
	if rq.who.Role.IsStaff() {
		d.Staff = append(d.Staff, option{"-", l.T("panel.queue.unassigned")})
		for _, s := range policy.New(rq.dir).Assignable() {
			d.Staff = append(d.Staff, option{s.ID, s.Name})
		}
	}
}

// pageNumbers lists the pages to link: the first, the last and the ones
// around the current.
func pageNumbers(cur, total int) []int {
	var out []int
	for n := 1; n <= total; n++ {
		if n == 1 || n == total || (n >= cur-2 && n <= cur+2) {
			out = append(out, n)
		}
	}
	return out
}

// nameOr names a person, "" for nobody.
func nameOr(name func(string) string, id string) string {
	if id == "" {
		return ""
	}
	return name(id)
}
