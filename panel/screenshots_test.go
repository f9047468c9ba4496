package panel_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// TestScreenshots takes PNGs of every page at desktop and phone widths,
// over a queue with some life in it, into the folder PANEL_SCREENSHOTS
// names (skipped without it):
//
//	PANEL_SCREENSHOTS=/tmp/panel go test -run Screenshots ./panel/
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("PANEL_SCREENSHOTS")
	if dir == "" {
		t.Skip("set PANEL_SCREENSHOTS to a folder to take the screenshots")
	}
	r := newRig(t, convtest.SQLite)
	sample(t, r)
	printer := "CT-" + fmt.Sprint(time.Now().In(convtest.Location()).Year()) + "-0001"
	ctx := tab(t)
	mexican(t, ctx)
	signIn(t, ctx, r.link(ana))
	pages := []struct{ name, path string }{
		{"cola", "/panel/"},
		{"cola-todas", "/panel/?estado=todas"},
		{"solicitud", "/panel/folio/" + printer},
		{"solicitud-foto", "/panel/folio/" + strings.Replace(printer, "-0001", "-0003", 1)},
		{"indicador", "/panel/indicador"},
		{"bitacora", "/panel/bitacora"},
		{"informes", "/panel/informes"},
		{"programa", "/panel/programa"},
		{"registros", "/panel/registros"},
		{"no-encontrada", "/panel/folio/CT-1999-0001"},
	}
	for _, size := range []struct {
		name   string
		w, h   int64
		mobile bool
	}{{"escritorio", 1280, 900, false}, {"telefono", 390, 844, true}} {
		run(t, ctx, chromedp.EmulateViewport(size.w, size.h, chromedp.EmulateScale(1)))
		for _, p := range pages {
			run(t, ctx, chromedp.Navigate(r.base+p.path), chromedp.WaitReady(chromedp.CSS("main")))
			shot(t, ctx, filepath.Join(dir, p.name+"-"+size.name+".png"))
		}
	}
	out := tab(t)
	run(t, out, chromedp.Navigate(r.link(rosa)), chromedp.WaitReady(chromedp.CSS("#entrar")))
	shot(t, out, filepath.Join(dir, "entrar-escritorio.png"))
}

// mexican shows dates as a browser in Mexico does.
func mexican(t *testing.T, ctx context.Context) {
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "es_MX"}); err != nil {
		t.Fatal(err)
	}
}

func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sample fills the rig with a quarter of work: requests made in chat and
// worked in the panel, tickets of every service closed on time or late,
// a program and a registration waiting.
func sample(t *testing.T, r *rig) {
	ctx := context.Background()
	printer := r.request("rosa", "SN-99812", "La impresora del área no enciende; parpadea la luz naranja.")
	r.request("luis", "PRJ-4410", "El proyector de la sala de juntas se apaga a los diez minutos.")
	photo := conversations.IncomingFile{Name: "falla.png", MIME: "image/png", Data: pngOf(t), Photo: true}
	for _, line := range []string{"/nueva", "Mantenimiento de equipo", "1", "INV-2231", "Caja 2, planta baja", "La computadora de caja no arranca.", "3"} {
		r.handle("rosa", line)
	}
	if _, err := r.eng.Handle(ctx, conversations.Event{ID: "photo", Person: "rosa", Files: []conversations.IncomingFile{photo}}); err != nil {
		t.Fatal(err)
	}
	r.handle("rosa", "Listo")
	r.eng.Handle(ctx, conversations.Event{ID: "send3", Person: "rosa", Button: "c:send"})
	act := func(person, folio, action string, answers map[string]string) {
		tk, err := r.st.Ticket(ctx, folio)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.eng.Act(ctx, conversations.ActRequest{ID: folio + action, Person: person, Folio: folio, Action: action, Step: len(tk.History), Answers: answers})
		if err != nil || res.Problem != "" {
			t.Fatalf("%s %s on %s: %v %s", person, action, folio, err, res.Problem)
		}
	}
	act("ana", printer, "asignar", map[string]string{"tecnico": "beto"})
	day := r.clock.Now().In(convtest.Location()).AddDate(0, 0, 6).Format("2006-01-02")
	act("beto", printer, "diagnosticar", map[string]string{"fecha": day, "reason": "El fusor está dañado; se pidió la pieza al proveedor."})
	if _, err := r.eng.Comment(ctx, conversations.CommentRequest{ID: "c1", Person: "rosa", Folio: printer, Text: "Gracias. Mientras, imprimimos en la de Contabilidad."}); err != nil {
		t.Fatal(err)
	}
	quarterOfWork(t, r)
	q := calendar.QuarterOf(r.clock.Now().In(convtest.Location()))
	start := q.Start(convtest.Location())
	var items []storage.PlanItem
	for i, eq := range []string{"Servidor de archivos", "Conmutador del edificio A", "Impresoras de Finanzas", "Proyectores de aulas", "Equipos de Rectoría"} {
		it := storage.PlanItem{ID: fmt.Sprintf("p%d", i), Area: []string{"tecnologias", "tecnologias", "finanzas", "rectoria", "rectoria"}[i],
			Equipment: eq, Planned: start.AddDate(0, 0, 12*i+3), Tecnico: []string{"beto", "ana"}[i%2], Imported: start, By: "ana"}
		items = append(items, it)
	}
	if err := r.st.PutPlanItems(ctx, items...); err != nil {
		t.Fatal(err)
	}
	if err := r.st.PutPerson(ctx, storage.Person{ID: "marta", Name: "Marta Gil Romero", Role: storage.RoleUsuario, Area: "rectoria",
		Position: "Asistente de Rectoría", Email: "marta.gil@upe.edu.mx", Accounts: map[string]string{"telegram": "5005"}, Platform: "telegram", Pending: true}); err != nil {
		t.Fatal(err)
	}
	r.eng.Invalidate()
}

// quarterOfWork writes tickets of this quarter for the indicator: most
// closed, some on time, some late, some open.
func quarterOfWork(t *testing.T, r *rig) {
	ctx := context.Background()
	loc := convtest.Location()
	now := r.clock.Now()
	start := calendar.QuarterOf(now.In(loc)).Start(loc)
	rng := rand.New(rand.NewPCG(3, 4))
	services := []string{"mantenimiento", "web", "correo", "diseno", "control-escolar"}
	fields := map[string]map[string]string{
		"mantenimiento":   {"equipo": "computadora", "ubicacion": "Laboratorio 2", "falla": "Lentitud al iniciar sesión", "urgencia": "media"},
		"web":             {"tipo": "articulo", "titulo": "Convocatoria de becas", "contenido": "Texto de la convocatoria"},
		"correo":          {"accion": "alta", "titular": "Pedro Ríos", "cuenta": "pedro.rios"},
		"diseno":          {"evento": "Semana de la Ciencia", "piezas": "cartel"},
		"control-escolar": {"tipo": "mantenimiento", "modulo": "Calificaciones", "necesidad": "Corregir el promedio del grupo 3B"},
	}
	span := now.Sub(start)
	for i := range 36 {
		svc := services[i%len(services)]
		created := start.Add(time.Duration(rng.Int64N(int64(span - 6*time.Hour))))
		tk := storage.Ticket{Service: svc, Requester: []string{"rosa", "luis", "rect"}[i%3], Area: []string{"finanzas", "finanzas", "rectoria"}[i%3],
			Status: storage.StatusClosed, Assignee: []string{"beto", "ana"}[i%2], Created: created, Updated: created.Add(3 * time.Hour), Fields: fields[svc],
			History: []storage.Transition{{At: created, By: "rosa", To: "recibida", Action: "solicitar"}}}
		due := created.AddDate(0, 0, 3)
		tk.Dates = []storage.CommittedDate{{Date: due, By: tk.Assignee, At: created}}
		switch {
		case i%11 == 3:
			tk.Closed = due.AddDate(0, 0, 4)
			tk.Dates = append(tk.Dates, storage.CommittedDate{Date: due.AddDate(0, 0, 2), Reason: "Faltó una pieza", By: tk.Assignee, At: due})
		case i%9 == 4:
			tk.Status, tk.Closed = "en_proceso", time.Time{}
		case i%7 == 3 && svc == "web":
			tk.Closed = due.AddDate(0, 0, 4)
			tk.Dates = append(tk.Dates, storage.CommittedDate{Date: due.AddDate(0, 0, 4), Reason: "Rectoría pidió cambios", By: tk.Assignee, At: due})
		default:
			tk.Closed = created.Add(time.Duration(1+rng.IntN(40)) * time.Hour)
		}
		if !tk.Closed.IsZero() && tk.Closed.After(now) {
			tk.Closed = now.Add(-time.Hour)
		}
		if _, err := r.st.Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk}},
			Log: []storage.LogEntry{{At: created, Who: tk.Assignee, Role: storage.RoleTecnico, Action: "tomar"}}}); err != nil {
			t.Fatal(err)
		}
	}
}

// pngOf draws a small picture to attach.
func pngOf(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := range 240 {
		for x := range 320 {
			img.Set(x, y, color.RGBA{uint8(60 + x/4), uint8(90 + y/4), 140, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
