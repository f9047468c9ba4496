package panel_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations/convtest"
	"ctdesk/storage"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestWorkflow signs the coordinator in from a chat link, filters the
// queue, opens a ticket, takes it and diagnoses it from the panel (both
// show in chat and in the bitácora), comments, and looks at the indicator
// and the bitácora, downloading it: on both stores, in Chromium.
func TestWorkflow(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, open)
			printer := r.request("rosa", "SN-99812", "La impresora no enciende")
			other := r.request("luis", "PRJ-4410", "El proyector parpadea")
			ctx := tab(t)

			signIn(t, ctx, r.link(ana))
			list := text(t, ctx, "#cola")
			if !strings.Contains(list, printer) || !strings.Contains(list, other) {
				t.Fatalf("the coordinator's queue lacks %s or %s:\n%s", printer, other, list)
			}

			// Search by a part of the serial number.
			run(t, ctx, chromedp.SendKeys(chromedp.CSS("#q"), "99812"), chromedp.Click(chromedp.CSS("#filtrar")))
			waitURL(t, ctx, "q=99812")
			if list := text(t, ctx, "#cola"); !strings.Contains(list, printer) || strings.Contains(list, other) {
				t.Fatalf("searching 99812: want only %s, got:\n%s", printer, list)
			}
			// Filter by area: Luis's request is of Finanzas too, Rosa's as well;
			// by status «Vencidas» nothing is overdue yet.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/?estado=vencidas"), chromedp.WaitVisible(chromedp.CSS("#total")))
			if got := text(t, ctx, "#total"); !strings.Contains(got, "Ninguna") {
				t.Errorf("overdue tickets: got %q, want none", got)
			}

			// «Asignar» offers the técnicos by name, as the chat's buttons do.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/folio/"+other), chromedp.WaitReady(chromedp.CSS(`select[name="in_tecnico"]`)))
			names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
				`[...document.querySelectorAll('select[name="in_tecnico"] option')].map(o => o.value + "=" + o.textContent)`))
			if err != nil {
				t.Fatalf("browser: options of «Asignar»: %v", err)
			}
			if !slices.Contains(names, "beto=Beto Ruiz") {
				t.Errorf("«Asignar» offers %q, want Beto Ruiz among them", names)
			}

			// The ticket, then «Tomar» as if pressed in chat.
			after := r.tg.LastMessageID(rosa.ID)
			run(t, ctx, chromedp.Navigate(r.base+"/panel/folio/"+printer), chromedp.WaitVisible(chromedp.CSS(`button[data-accion="tomar"]`)),
				chromedp.Click(chromedp.CSS(`button[data-accion="tomar"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
			if got := text(t, ctx, "#estado"); !strings.Contains(got, "diagn") {
				t.Errorf("status after «Tomar»: got %q", got)
			}
			r.waitChat(rosa.ID, after, "Ana López")
			r.waitChat(ana.ID, 0, "Desde el panel web")

			// «Diagnosticar» asks a date and a text: without the text the
			// form comes back with what is missing.
			day := time.Now().In(convtest.Location()).AddDate(0, 0, 7).Format("01022006")
			run(t, ctx, chromedp.Click(chromedp.CSS(`summary[data-accion="diagnosticar"]`)),
				chromedp.SendKeys(chromedp.CSS(`details[open] input[type=date]`), day),
				chromedp.Click(chromedp.CSS(`button[data-enviar="diagnosticar"]`)), chromedp.WaitVisible(chromedp.CSS("#problema")))
			if got := text(t, ctx, "#problema"); got == "" {
				t.Fatal("no message for the missing diagnosis")
			}
			after = r.tg.LastMessageID(rosa.ID)
			run(t, ctx, chromedp.SendKeys(chromedp.CSS(`details[open] textarea`), "Fusor dañado; se cambia la pieza."),
				chromedp.Click(chromedp.CSS(`button[data-enviar="diagnosticar"]`)), chromedp.WaitVisible(chromedp.CSS(".flash")))
			r.waitChat(rosa.ID, after, "Fusor dañado")
			if h := text(t, ctx, "#historial"); !strings.Contains(h, "Fusor dañado") {
				t.Errorf("history lacks the diagnosis:\n%s", h)
			}

			// A comment reaches the requester in chat.
			after = r.tg.LastMessageID(rosa.ID)
			run(t, ctx, chromedp.SendKeys(chromedp.CSS("#comentario"), "La pieza llega el jueves."),
				chromedp.Click(chromedp.CSS("#comentar")), chromedp.WaitVisible(chromedp.CSS(".flash")))
			r.waitChat(rosa.ID, after, "La pieza llega el jueves.")
			if h := text(t, ctx, "#historial"); !strings.Contains(h, "La pieza llega el jueves.") {
				t.Errorf("history lacks the comment:\n%s", h)
			}

			// The indicator, drawn against the goal.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/indicador"), chromedp.WaitVisible(chromedp.CSS("#grafica svg")))
			if got := text(t, ctx, "#grafica"); !strings.Contains(got, "meta 90 %") || !strings.Contains(got, "Mantenimiento de equipo") {
				t.Errorf("indicator chart: got %q", got)
			}

			// The bitácora has the actions taken in the panel; its CSV downloads.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/bitacora?folio="+printer), chromedp.WaitVisible(chromedp.CSS("#bitacora")))
			if got := text(t, ctx, "#bitacora"); !strings.Contains(got, "Solicitud tomada") || !strings.Contains(got, "Comentario") {
				t.Errorf("bitácora of %s: got %q", printer, got)
			}
			csv := download(t, ctx, "#csv")
			for _, want := range []string{"fecha,hora,persona", printer + ",tomar", "comentario,La pieza llega el jueves."} {
				if !strings.Contains(csv, want) {
					t.Errorf("downloaded bitácora lacks %q:\n%s", want, csv)
				}
			}
			// The request CT-RG.03 downloads as a PDF with what the ticket says.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/folio/"+printer), chromedp.WaitVisible(chromedp.CSS("#pdf")))
			pdf := download(t, ctx, "#pdf")
			if !strings.HasPrefix(pdf, "%PDF") {
				t.Fatalf("CT-RG.03 of %s is no PDF: %.40q", printer, pdf)
			}
			if txt := pdfText(t, pdf); txt != "" {
				for _, want := range []string{printer, "Solicitud de Servicios de Tecnologías", "SN-99812", "Fusor dañado", "La pieza llega el jueves."} {
					if !strings.Contains(txt, want) {
						t.Errorf("CT-RG.03 of %s lacks %q:\n%s", printer, want, txt)
					}
				}
			}
			entries, err := r.st.Log(context.Background(), storage.LogFilter{Folio: printer})
			if err != nil {
				t.Fatal(err)
			}
			var acts []string
			for _, e := range entries {
				acts = append(acts, e.Who+":"+e.Action)
			}
			if got := strings.Join(acts, " "); !strings.Contains(got, "ana:tomar ana:diagnosticar ana:comentario") {
				t.Errorf("bitácora entries: got %q", got)
			}
		})
	}
}

// download clicks a link that downloads a file and returns the file.
func download(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	dir := t.TempDir()
	done := make(chan string, 1)
	chromedp.ListenBrowser(ctx, func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	})
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &events,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, chromedp.Click(chromedp.CSS(sel)))
	select {
	case guid := <-done:
		b, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	case <-time.After(20 * time.Second):
		t.Fatal("the download did not finish")
	}
	return ""
}

// waitURL waits until the tab's address contains part (a form was sent
// and its answer loaded).
func waitURL(t *testing.T, ctx context.Context, part string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && strings.Contains(loc, part) {
			if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatal(err)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the address never had %q (last %q, %v)", part, loc, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// pdfText is a PDF's text as pdftotext reads it ("" without poppler-utils,
// which ./scripts/test installs).
func pdfText(t *testing.T, pdf string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, []byte(pdf), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
