package panel_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations/convtest"
	"ctdesk/lib/signin"
	"ctdesk/panel"
)

// TestSignInRate: past the sign-in attempts allowed per address, the
// sign-in answers 429 with Retry-After, and no link is spent.
func TestSignInRate(t *testing.T) {
	r := newRig(t, convtest.SQLite)
	limited := 0
	for range 40 {
		res, err := http.Get(r.base + "/panel/entrar?p=ana&t=adivinado")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			limited++
			if res.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
	}
	// The rig allows 30 a minute: the last ten are refused.
	if limited != 10 {
		t.Errorf("sign-in pages refused: %d of 40, want 10", limited)
	}
}

// TestEnglish: someone whose language is English reads the panel in
// English; the statuses and services come from the same catalogue as the
// chat's.
func TestEnglish(t *testing.T) {
	r := newRig(t, convtest.SQLite)
	ctx := context.Background()
	p, err := r.st.Person(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	p.Language = "en"
	if err := r.st.PutPerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	r.eng.Invalidate()
	r.request("rosa", "SN-1", "No enciende")
	s, err := signin.Open(ctx, r.st, "ana", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	code, body := get(t, r.base+"/panel/", s.ID)
	for _, want := range []string{"<html lang=\"en\">", "Requests", "Sign out", "Equipment maintenance"} {
		if !strings.Contains(body, want) {
			t.Errorf("English queue (%d) lacks %q", code, want)
		}
	}
	if strings.Contains(body, "Solicitudes") {
		t.Error("the English queue has Spanish in it")
	}
}

// TestSecureCookies: with an https public address, the sign-in's cookies
// are Secure, HttpOnly and SameSite=Strict.
func TestSecureCookies(t *testing.T) {
	r := newRig(t, convtest.SQLite)
	p, err := panel.New(panel.Config{Engine: r.eng, Store: r.st, PublicURL: "https://mesa.upe.edu.mx"})
	if err != nil {
		t.Fatal(err)
	}
	secret, err := signin.NewLink(context.Background(), r.st, "ana", r.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	p.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/panel/entrar?"+url.Values{"p": {"ana"}, "t": {secret}}.Encode(), nil))
	pre := w.Result().Cookies()
	if len(pre) != 1 {
		t.Fatalf("sign-in page cookies: %v", pre)
	}
	form := url.Values{"p": {"ana"}, "t": {secret}, "csrf": {pre[0].Value}}
	req := httptest.NewRequest(http.MethodPost, "/panel/entrar", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(pre[0])
	w = httptest.NewRecorder()
	p.ServeHTTP(w, req)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", w.Code)
	}
	for _, c := range append(pre, w.Result().Cookies()...) {
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie %s: Secure %v, HttpOnly %v, SameSite %v; want all", c.Name, c.Secure, c.HttpOnly, c.SameSite)
		}
	}
}
