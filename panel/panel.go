// Package panel is the coordination's web panel: the queue with its
// filters and search, each ticket with its history, attachments and
// actions, the bitácora CT-RG.02, the indicator, the reports DP-RG.02 and
// CT-RG.03, the program CT-RG.01 and the registrations, in the browser.
//
// Like the chat adapters it decides nothing: people sign in with a
// one-time link the bot hands out (/panel, lib/signin), what each person
// may see and do is asked of conversations/policy, and every action goes
// through the conversations engine, so it shows in chat and in the
// bitácora as if pressed there. A page or file someone may not see
// answers 404 and the attempt is written to the bitácora.
//
// It is server-rendered html/template with embedded CSS and one small
// script, under a Content-Security-Policy that allows no inline script;
// every form carries a CSRF token bound to the session.
package panel

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"ctdesk/conversations"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Store is what the panel reads (and, for links and sessions, writes).
type Store interface {
	storage.Tickets
	storage.TicketQueries
	storage.Bitacora
	storage.Files
	storage.Plan
	storage.Directory
	storage.Values
	storage.Seen
}

// Config is what the panel is built from.
type Config struct {
	Engine *conversations.Engine
	Store  Store
	// PublicURL is where people reach ctdesk (CTDESK_PUBLIC_URL); with
	// https the session cookie is Secure.
	PublicURL   string
	Institution string
	Calendar    *calendar.Calendar
	Log         *slog.Logger
	// SignInRate bounds the sign-in attempts per address per minute
	// (default 10).
	SignInRate int
}

// Prefix is where the panel is served.
const Prefix = "/panel"

// Panel serves the web panel under Prefix.
type Panel struct {
	cfg    Config
	eng    *conversations.Engine
	st     Store
	loc    *time.Location
	pages  map[string]*template.Template
	mux    *http.ServeMux
	limits *limiter
	secure bool
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// New builds the panel.
func New(cfg Config) (*Panel, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.SignInRate <= 0 {
		cfg.SignInRate = 10
	}
	p := &Panel{cfg: cfg, eng: cfg.Engine, st: cfg.Store, loc: cfg.Engine.Location(),
		secure: strings.HasPrefix(strings.ToLower(cfg.PublicURL), "https://"), limits: newLimiter(cfg.SignInRate)}
	if cfg.Calendar == nil {
		p.cfg.Calendar = calendar.New(p.loc)
	}
	var err error
	if p.pages, err = p.parse(); err != nil {
		return nil, err
	}
	p.routes()
	return p, nil
}

// routes registers every page under Prefix.
func (p *Panel) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET "+Prefix+"/{$}", p.signedIn(p.queue))
	m.HandleFunc("GET "+Prefix+"/entrar", p.signInPage)
	m.HandleFunc("POST "+Prefix+"/entrar", p.signIn)
	m.HandleFunc("POST "+Prefix+"/salir", p.signedIn(p.signOut))
	m.HandleFunc("GET "+Prefix+"/folio/{folio}", p.signedIn(p.ticket))
	m.HandleFunc("POST "+Prefix+"/folio/{folio}/accion", p.signedIn(p.act))
	m.HandleFunc("POST "+Prefix+"/folio/{folio}/comentario", p.signedIn(p.comment))
	m.HandleFunc("GET "+Prefix+"/folio/{folio}/archivo/{id}", p.signedIn(p.file))
	m.HandleFunc("GET "+Prefix+"/folio/{folio}/CT-RG.03.pdf", p.signedIn(p.requestPDF))
	m.HandleFunc("GET "+Prefix+"/bitacora", p.signedIn(p.bitacora))
	m.HandleFunc("GET "+Prefix+"/bitacora.csv", p.signedIn(p.bitacoraCSV))
	m.HandleFunc("GET "+Prefix+"/indicador", p.signedIn(p.kpi))
	m.HandleFunc("GET "+Prefix+"/informes", p.signedIn(p.reports))
	m.HandleFunc("GET "+Prefix+"/informes/{file}", p.signedIn(p.reportFile))
	m.HandleFunc("GET "+Prefix+"/programa", p.signedIn(p.program))
	m.HandleFunc("POST "+Prefix+"/programa", p.signedIn(p.importProgram))
	m.HandleFunc("GET "+Prefix+"/registros", p.signedIn(p.registrations))
	m.HandleFunc("POST "+Prefix+"/registros", p.signedIn(p.decideRegistration))
	m.Handle("GET "+Prefix+"/static/", http.StripPrefix(Prefix, http.FileServerFS(staticFS)))
	m.HandleFunc(Prefix+"/", p.signedIn(func(w http.ResponseWriter, r *http.Request, rq *request) {
		p.notFound(w, r, rq, "", "pagina")
	}))
	p.mux = m
}

// ServeHTTP serves a request under Prefix with the panel's security headers.
func (p *Panel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "+
		"form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	// The sign-in link carries a secret: never send it on as a referrer.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if r.URL.Path == Prefix {
		http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
		return
	}
	p.mux.ServeHTTP(w, r)
}
