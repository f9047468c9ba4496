package panel

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// lang translates the panel's texts for one reader (conversations/texts).
type lang string

// T is the text of key, formatted with args.
func (l lang) T(key string, args ...any) string { return texts.Text(string(l), key, args...) }

// Code is the language's code, for <html lang>.
func (l lang) Code() string { return string(l) }

func (p *Panel) lang(l string) lang {
	if l == "" || !texts.Known(l) {
		return lang(p.eng.Lang(storage.Person{}))
	}
	return lang(l)
}

// page is what every template gets.
type page struct {
	L     lang
	Title string
	// Who, CSRF and Nav are set for a signed-in person.
	Who   string
	CSRF  string
	Nav   []navItem
	Here  string
	Flash string
	Error string
	Data  any
}

// navItem is a link of the menu.
type navItem struct{ Key, Href string }

// newPage starts the page of a signed-in person, with the menu of what
// the policy lets them open.
func (p *Panel) newPage(rq *request, here, titleKey string) *page {
	l := lang(rq.lang)
	pg := &page{L: l, Title: l.T(titleKey), Who: rq.who.Name, CSRF: rq.sess.CSRF, Here: here}
	if pg.Who == "" {
		pg.Who = rq.who.ID
	}
	pg.Nav = append(pg.Nav, navItem{"panel.nav.queue", Prefix + "/"})
	for _, n := range []struct {
		c         policy.Command
		key, href string
	}{
		{policy.Indicator, "panel.nav.kpi", Prefix + "/indicador"},
		{policy.Log, "panel.nav.log", Prefix + "/bitacora"},
		{policy.Report, "panel.nav.reports", Prefix + "/informes"},
		{policy.Program, "panel.nav.program", Prefix + "/programa"},
		{policy.Registrations, "panel.nav.registrations", Prefix + "/registros"},
	} {
		if policy.MayUse(n.c, rq.who) {
			pg.Nav = append(pg.Nav, navItem{n.key, n.href})
		}
	}
	return pg
}

// parse reads the templates: each page is the layout with its own content.
func (p *Panel) parse() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"day":  func(t time.Time) string { return dayOf(t, p.loc) },
		"when": func(t time.Time) string { return whenOf(t, p.loc) },
		"num":  thousands,
		"size": fileSize,
		"add":  func(a, b int) int { return a + b },
	}
	layout, err := fs.ReadFile(templateFS, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" {
			continue
		}
		body, err := fs.ReadFile(templateFS, n)
		if err != nil {
			return nil, err
		}
		t, err := template.New("layout").Funcs(funcs).Parse(string(layout))
		if err == nil {
			_, err = t.Parse(string(body))
		}
		if err != nil {
			return nil, fmt.Errorf("panel: template %s: %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// render writes a page, all or nothing: a template that fails shows an
// error page instead of half a page.
func (p *Panel) render(w http.ResponseWriter, r *http.Request, status int, name string, pg *page) {
	var b bytes.Buffer
	if err := p.pages[name].Execute(&b, pg); err != nil {
		p.cfg.Log.Error("render", "page", name, "err", err)
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

// errorPage answers with a status and a message.
func (p *Panel) errorPage(w http.ResponseWriter, r *http.Request, rq *request, status int, key string) {
	var pg *page
	if rq != nil {
		pg = p.newPage(rq, "", "panel.error.title")
	} else {
		pg = &page{L: p.lang("")}
		pg.Title = pg.L.T("panel.error.title")
	}
	pg.Error = pg.L.T(key)
	p.render(w, r, status, "error", pg)
}

// fail answers a store or engine failure; the log gets the error.
func (p *Panel) fail(w http.ResponseWriter, r *http.Request, l string, err error) {
	p.cfg.Log.Error("panel", "path", r.URL.Path, "err", err)
	pg := &page{L: p.lang(l)}
	pg.Title, pg.Error = pg.L.T("panel.error.title"), pg.L.T("panel.error.internal")
	p.render(w, r, http.StatusInternalServerError, "error", pg)
}

// notFound answers a page, ticket or file the person may not see (or that
// does not exist) with 404, and writes the attempt to the bitácora when it
// was one.
func (p *Panel) notFound(w http.ResponseWriter, r *http.Request, rq *request, folio, what string) {
	if what != "" {
		if err := p.eng.Refuse(r.Context(), rq.who, folio, "panel:"+what); err != nil {
			p.cfg.Log.Error("record refusal", "person", rq.who.ID, "err", err)
		}
	}
	p.errorPage(w, r, rq, http.StatusNotFound, "panel.error.notfound")
}

func dayOf(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format(calendar.Layout)
}

func whenOf(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// thousands writes n with thousands separated by commas (20,000), as
// Mexico writes numbers.
func thousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fileSize writes a size for people.
func fileSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
