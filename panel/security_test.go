package panel_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestSecurity checks, in Chromium and on both stores, that a link works
// once, only in time and only for its person; that a closed session's
// cookie and a form without its session's CSRF token are refused; that a
// requester opening someone else's ticket gets 404 and the attempt is
// written to the bitácora; and that <script> typed into a ticket is text.
func TestSecurity(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, open)
			hers := r.request("rosa", "SN-1", `<script>document.title="pwned"</script><img src=x id=evil> no imprime`)
			his := r.request("luis", "SN-2", "El proyector parpadea")

			// A link works once.
			link := r.link(ana)
			a := tab(t)
			signIn(t, a, link)
			b := tab(t)
			refused(t, b, link, "ya se usó")

			// An expired link is refused; so is one presented as someone else's,
			// which stays good for its own person.
			late := r.link(beto)
			r.clock.Advance(11 * time.Minute)
			refused(t, tab(t), late, "venció")
			luisLink := r.link(luis)
			refused(t, tab(t), strings.Replace(luisLink, "p=luis", "p=rosa", 1), "no es tuyo")
			c := tab(t)
			signIn(t, c, luisLink)

			// Closing the session from the panel: its cookie is refused after.
			old := cookie(t, a)
			run(t, a, chromedp.Click(chromedp.CSS("#salir")), chromedp.WaitVisible(chromedp.CSS(".notice")))
			if code, _ := get(t, r.base+"/panel/", old); code != http.StatusUnauthorized {
				t.Errorf("a closed session's cookie: got %d, want 401", code)
			}
			if code, _ := get(t, r.base+"/panel/", "made-up"); code != http.StatusUnauthorized {
				t.Errorf("a made-up cookie: got %d, want 401", code)
			}
			// Closing from chat (/panel salir) closes Luis's session in the browser.
			r.say(luis, "/panel salir", "Cerré todas tus sesiones")
			run(t, c, chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".signin")))
			if got := text(t, c, ".signin"); !strings.Contains(got, "terminó o se cerró") {
				t.Errorf("after /panel salir: got %q", got)
			}

			// The requester lists only her own tickets; another's by its URL is 404.
			d := tab(t)
			signIn(t, d, r.link(rosa))
			list := text(t, d, "#cola")
			if !strings.Contains(list, hers) || strings.Contains(list, his) {
				t.Errorf("Rosa's queue: want %s and not %s, got:\n%s", hers, his, list)
			}
			rosaCookie := cookie(t, d)
			if code, _ := get(t, r.base+"/panel/folio/"+his, rosaCookie); code != http.StatusNotFound {
				t.Errorf("Rosa opening %s: got %d, want 404", his, code)
			}
			if code, _ := get(t, r.base+"/panel/bitacora", rosaCookie); code != http.StatusNotFound {
				t.Errorf("Rosa opening the bitácora: got %d, want 404", code)
			}
			run(t, d, chromedp.Navigate(r.base+"/panel/folio/"+his), chromedp.WaitVisible(chromedp.CSS("#error")))
			if attempts := refusals(t, r.st, "rosa", his); attempts != 1 {
				t.Errorf("Rosa's attempts on %s in the bitácora: got %d, want 1 (once per hour)", his, attempts)
			}

			// What she typed shows as text, and nothing of it runs.
			run(t, d, chromedp.Navigate(r.base+"/panel/folio/"+hers), chromedp.WaitVisible(chromedp.CSS("#campos")))
			if got := text(t, d, "#campos"); !strings.Contains(got, `<script>document.title="pwned"</script><img src=x id=evil>`) {
				t.Errorf("the fault as shown: %q", got)
			}
			injected, err := chromedp.Run(d, chromedp.Evaluate[int](`document.querySelectorAll("#campos script, #evil").length`))
			if err != nil || injected != 0 {
				t.Errorf("elements injected by the fault: %d (%v), want 0", injected, err)
			}
			if title, _ := chromedp.Run(d, chromedp.Title()); title == "pwned" {
				t.Error("the typed script ran")
			}

			// A form without its CSRF token, or with another session's, is refused.
			before := comments(t, r.st, hers)
			for _, form := range []url.Values{{"texto": {"sin token"}}, {"texto": {"otro token"}, "csrf": {"x" + rosaCookie}}} {
				if code := post(t, r.base+"/panel/folio/"+hers+"/comentario", rosaCookie, form); code != http.StatusForbidden {
					t.Errorf("a comment posted with %v: got %d, want 403", form, code)
				}
			}
			run(t, d, chromedp.SendKeys(chromedp.CSS("#comentario"), "con token"), chromedp.Click(chromedp.CSS("#comentar")),
				chromedp.WaitVisible(chromedp.CSS(".flash")))
			if got := comments(t, r.st, hers); got != before+1 {
				t.Errorf("comments on %s: got %d, want %d (only the one with its token)", hers, got, before+1)
			}
		})
	}
}

// refused opens a link in a tab, presses «Entrar» and checks it is refused.
func refused(t *testing.T, ctx context.Context, link, why string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(link), chromedp.Click(chromedp.CSS("#entrar")), chromedp.WaitVisible(chromedp.CSS(".signin .notice")))
	if got := text(t, ctx, ".signin .notice"); !strings.Contains(got, why) && !strings.Contains(got, "ya se usó, venció o no es tuyo") {
		t.Errorf("link %s: got %q, want it refused", link, got)
	}
}

// cookie returns the tab's panel session cookie.
func cookie(t *testing.T, ctx context.Context) string {
	t.Helper()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range res.Cookies {
		if c.Name == "ctdesk_panel" {
			if !c.HTTPOnly || c.SameSite != network.CookieSameSiteStrict {
				t.Errorf("session cookie: HttpOnly %v, SameSite %q; want HttpOnly and Strict", c.HTTPOnly, c.SameSite)
			}
			return c.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

func get(t *testing.T, u, session string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.AddCookie(&http.Cookie{Name: "ctdesk_panel", Value: session})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func post(t *testing.T, u, session string, form url.Values) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "ctdesk_panel", Value: session})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// refusals counts a person's refused attempts on a folio in the bitácora.
func refusals(t *testing.T, st storage.Store, who, folio string) int {
	t.Helper()
	return count(t, st, folio, func(e storage.LogEntry) bool { return e.Who == who && e.Action == "intento_no_autorizado" })
}

func comments(t *testing.T, st storage.Store, folio string) int {
	t.Helper()
	return count(t, st, folio, func(e storage.LogEntry) bool { return e.Action == "comentario" })
}

func count(t *testing.T, st storage.Store, folio string, match func(storage.LogEntry) bool) int {
	t.Helper()
	entries, err := st.Log(context.Background(), storage.LogFilter{Folio: folio})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if match(e) {
			n++
		}
	}
	return n
}
