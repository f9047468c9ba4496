package panel_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestCoordinatorPages imports the program CT-RG.01 from a file and
// authorises a registration from the panel, both through the engine (the
// applicant hears of it in chat), downloads the report DP-RG.02, and
// checks that a técnico does not have those pages: on both stores, in
// Chromium.
func TestCoordinatorPages(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			r := newRig(t, open)
			marta := telegramtest.User{ID: 5005, FirstName: "Marta", LastName: "Gil", LanguageCode: "es"}
			if err := r.st.PutPerson(context.Background(), storage.Person{ID: "marta", Name: "Marta Gil", Role: storage.RoleUsuario,
				Area: "rectoria", Position: "Asistente", Email: "marta.gil@upe.edu.mx", Accounts: map[string]string{"telegram": "5005"},
				Platform: "telegram", Pending: true}); err != nil {
				t.Fatal(err)
			}
			ctx := tab(t)
			signIn(t, ctx, r.link(ana))

			// The program, from a CSV file.
			year := r.clock.Now().In(convtest.Location()).Year() + 1
			file := filepath.Join(t.TempDir(), "programa.csv")
			csv := "area,equipo,fecha,tecnico\nfinanzas,Impresoras del piso 2,10/03/" + strconv.Itoa(year) + ",beto\n"
			if err := os.WriteFile(file, []byte(csv), 0o600); err != nil {
				t.Fatal(err)
			}
			run(t, ctx, chromedp.Navigate(r.base+"/panel/programa"), chromedp.SetUploadFiles(chromedp.CSS("#archivo"), []string{file}),
				chromedp.Click(chromedp.CSS("#importar")), chromedp.WaitVisible(chromedp.CSS("#resultado")))
			items, err := r.st.PlanItems(context.Background(), time.Time{}, time.Time{})
			if err != nil || len(items) != 1 || items[0].Equipment != "Impresoras del piso 2" {
				t.Fatalf("program after the import: %+v, %v (the bot said %q)", items, err, text(t, ctx, "#resultado"))
			}
			run(t, ctx, chromedp.Navigate(r.base+"/panel/programa?anio="+strconv.Itoa(year)), chromedp.WaitVisible(chromedp.CSS("#programa")))
			if got := text(t, ctx, "#programa"); !strings.Contains(got, "Impresoras del piso 2") {
				t.Errorf("the program's page: %q", got)
			}

			// A registration, authorised.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/registros"), chromedp.WaitVisible(chromedp.CSS("#registros")),
				chromedp.Click(chromedp.CSS("#registros button.primary")), chromedp.WaitVisible(chromedp.CSS("#resultado")))
			if p, err := r.st.Person(context.Background(), "marta"); err != nil || p.Pending || p.Disabled {
				t.Errorf("Marta after the authorisation: %+v, %v", p, err)
			}
			r.waitChat(marta.ID, 0, "")

			// The report DP-RG.02 of this quarter, as CSV.
			run(t, ctx, chromedp.Navigate(r.base+"/panel/informes"), chromedp.WaitVisible(chromedp.CSS("#informes")))
			if got := download(t, ctx, `#informes a[href$=".csv"]`); !strings.Contains(got, "registro,Informe Trimestral DP-RG.02") {
				t.Errorf("the report's CSV: %.200q", got)
			}

			// A técnico has no such pages: 404, and the attempt is written.
			b := tab(t)
			signIn(t, b, r.link(beto))
			for _, page := range []string{"/panel/programa", "/panel/registros", "/panel/informes", "/panel/bitacora"} {
				run(t, b, chromedp.Navigate(r.base+page), chromedp.WaitVisible(chromedp.CSS("#error")))
			}
			if n := refusals(t, r.st, "beto", ""); n != 4 {
				t.Errorf("beto's attempts written: %d, want 4", n)
			}
		})
	}
}
