package panel

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"ctdesk/conversations/directory"
	"ctdesk/lib/signin"
	"ctdesk/storage"
)

// The cookies: the session, and the token of the sign-in form (which has
// no session yet to bind its CSRF token to).
const (
	sessionCookie = "ctdesk_panel"
	preCookie     = "ctdesk_entrar"
)

// request is a signed-in person's request.
type request struct {
	who  storage.Person
	lang string
	sess signin.Session
	dir  *directory.Snapshot
	// now is when the request came, by the engine's clock.
	now time.Time
}

// handler is a page for a signed-in person.
type handler func(w http.ResponseWriter, r *http.Request, rq *request)

// signedIn runs h for the person whose session the request carries, and
// checks the CSRF token of every POST; without a session it asks to sign
// in from chat.
func (p *Panel) signedIn(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		now := p.eng.Now()
		c, err := r.Cookie(sessionCookie)
		if err != nil {
			p.signInNeeded(w, r, "")
			return
		}
		sess, err := signin.Find(ctx, p.st, c.Value, now)
		if errors.Is(err, signin.ErrUnknown) || errors.Is(err, signin.ErrClosed) {
			p.clearCookie(w, sessionCookie)
			p.signInNeeded(w, r, "panel.signin.expired")
			return
		}
		if err != nil {
			p.fail(w, r, "", err)
			return
		}
		who, ok, err := p.eng.Viewer(ctx, sess.Person)
		if err != nil {
			p.fail(w, r, "", err)
			return
		}
		if !ok {
			p.signInNeeded(w, r, "panel.signin.expired")
			return
		}
		dir, err := p.eng.Directory(ctx)
		if err != nil {
			p.fail(w, r, "", err)
			return
		}
		rq := &request{who: who, lang: p.eng.Lang(who), sess: sess, dir: dir, now: now}
		if r.Method == http.MethodPost && !p.validForm(w, r, rq) {
			return
		}
		h(w, r, rq)
	}
}

// maxUpload bounds a form with files (the chat platforms' own bound).
const maxUpload = 20 << 20

// validForm parses a POST's form and checks its CSRF token.
func (p *Panel) validForm(w http.ResponseWriter, r *http.Request, rq *request) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	var err error
	if ct := r.Header.Get("Content-Type"); len(ct) >= 19 && ct[:19] == "multipart/form-data" {
		err = r.ParseMultipartForm(maxUpload)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		p.errorPage(w, r, rq, http.StatusRequestEntityTooLarge, "panel.error.toobig")
		return false
	}
	if !rq.sess.ValidCSRF(r.PostFormValue("csrf")) {
		p.cfg.Log.Warn("form without its CSRF token", "person", rq.who.ID, "path", r.URL.Path)
		p.errorPage(w, r, rq, http.StatusForbidden, "panel.error.csrf")
		return false
	}
	return true
}

// signInPage shows the button that spends a link: opening the link does
// nothing by itself, so a preview of it (chat apps fetch links) spends
// nothing.
func (p *Panel) signInPage(w http.ResponseWriter, r *http.Request) {
	if !p.limits.allow(clientAddr(r)) {
		p.tooMany(w, r)
		return
	}
	person, secret := r.URL.Query().Get("p"), r.URL.Query().Get("t")
	if person == "" || secret == "" {
		p.signInNeeded(w, r, "")
		return
	}
	token := newToken()
	http.SetCookie(w, &http.Cookie{Name: preCookie, Value: token, Path: Prefix + "/entrar", MaxAge: int(signin.LinkTTL.Seconds()),
		HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteStrictMode})
	p.render(w, r, http.StatusOK, "signin", &page{L: p.lang(""), Data: map[string]string{"P": person, "T": secret, "CSRF": token}})
}

// signIn spends a link and opens a session.
func (p *Panel) signIn(w http.ResponseWriter, r *http.Request) {
	addr := clientAddr(r)
	if !p.limits.allow(addr) {
		p.tooMany(w, r)
		return
	}
	ctx := r.Context()
	c, cerr := r.Cookie(preCookie)
	if err := r.ParseForm(); err != nil || cerr != nil || c.Value == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(r.PostFormValue("csrf"))) != 1 {
		p.cfg.Log.Warn("sign-in form without its token", "addr", addr)
		p.errorPage(w, r, nil, http.StatusForbidden, "panel.error.csrf")
		return
	}
	p.clearCookie(w, preCookie)
	person, secret, now := r.PostFormValue("p"), r.PostFormValue("t"), p.eng.Now()
	err := signin.Redeem(ctx, p.st, person, secret, now)
	if err == nil {
		_, ok, verr := p.eng.Viewer(ctx, person)
		if err = verr; err == nil && !ok {
			err = signin.ErrUnknown
		}
	}
	switch {
	case errors.Is(err, signin.ErrUnknown), errors.Is(err, signin.ErrUsed), errors.Is(err, signin.ErrOther):
		p.cfg.Log.Warn("sign-in refused", "addr", addr, "person", person, "why", err.Error())
		p.signInNeeded(w, r, "panel.signin.spent")
		return
	case err != nil:
		p.fail(w, r, "", err)
		return
	}
	sess, err := signin.Open(ctx, p.st, person, now)
	if err != nil {
		p.fail(w, r, "", err)
		return
	}
	p.cfg.Log.Info("signed in", "person", person, "addr", addr)
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: sess.ID, Path: Prefix, MaxAge: int(signin.SessionTTL.Seconds()),
		HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, Prefix+"/", http.StatusSeeOther)
}

// signOut closes the session.
func (p *Panel) signOut(w http.ResponseWriter, r *http.Request, rq *request) {
	if err := signin.Close(r.Context(), p.st, rq.sess); err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	p.clearCookie(w, sessionCookie)
	p.signInNeeded(w, r, "panel.signin.out")
}

// signInNeeded tells someone without a session how to get one.
func (p *Panel) signInNeeded(w http.ResponseWriter, r *http.Request, why string) {
	p.render(w, r, http.StatusUnauthorized, "signedout", &page{L: p.lang(""), Data: why})
}

func (p *Panel) tooMany(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "60")
	p.errorPage(w, r, nil, http.StatusTooManyRequests, "panel.error.toomany")
}

func (p *Panel) clearCookie(w http.ResponseWriter, name string) {
	path := Prefix
	if name == preCookie {
		path = Prefix + "/entrar"
	}
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: path, MaxAge: -1, HttpOnly: true, Secure: p.secure, SameSite: http.SameSiteStrictMode})
}

// limiter bounds sign-in attempts per client address, and overall.
type limiter struct {
	mu     sync.Mutex
	per    map[string]*rate.Limiter
	all    *rate.Limiter
	perMin int
}

func newLimiter(perMin int) *limiter {
	return &limiter{per: map[string]*rate.Limiter{}, all: rate.NewLimiter(rate.Limit(float64(10*perMin)/60), 10*perMin), perMin: perMin}
}

// allow takes an attempt for addr.
func (l *limiter) allow(addr string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.per) > 10000 {
		l.per = map[string]*rate.Limiter{} // a flood of addresses: start over rather than grow
	}
	lim, ok := l.per[addr]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(float64(l.perMin)/60), l.perMin)
		l.per[addr] = lim
	}
	return lim.Allow() && l.all.Allow()
}

// clientAddr is the address a request came from (without its port).
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// newToken is a fresh random token for a form.
func newToken() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}
