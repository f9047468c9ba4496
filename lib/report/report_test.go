package report

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

func mustBuild(tb testing.TB, now time.Time) *Report {
	tb.Helper()
	loc := mustLoc(tb)
	cfg := Config{
		Institution: "Universidad Politécnica de Ejemplo",
		Calendar:    calendar.New(loc),
		Areas: func(id string) string {
			return map[string]string{"finanzas": "Dirección de Finanzas", "rectoria": "Rectoría"}[id]
		},
		People:    func(id string) string { return map[string]string{"rosa": "Rosa Díaz", "beto": "Beto Ruiz"}[id] },
		Labels:    labels{},
		Awaiting:  awaiting,
		Signer:    Signer{Name: "Ana López", Position: "Coordinadora de Tecnologías"},
		Narrative: Narrative{Text: "El trimestre cerró con la renovación del equipo de cajas.", By: "Ana López", At: now},
	}
	r, err := Build(context.Background(), mustSource(tb), cfg, calendar.Quarter{Year: 2026, Q: 3}, now)
	if err != nil {
		tb.Fatalf("Build: %v", err)
	}
	return r
}

func TestBuild(t *testing.T) {
	loc := mustLoc(t)
	r := mustBuild(t, time.Date(2026, 10, 5, 9, 0, 0, 0, loc))
	// Q3 2026 ends Wed 30 Sep: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7 Oct.
	if got := day(r.Due); got != "07/10/2026" {
		t.Errorf("Due = %s, want 07/10/2026", got)
	}
	if len(r.Tickets) != 14 {
		t.Errorf("got %d tickets, want 14 (0101–0111, 0113–0115)", len(r.Tickets))
	}
	if r.KPI.Partial {
		t.Errorf("Partial = true after the quarter ended")
	}
	// Marked: 0101's JPEG (twice, and a copy of it on 0105), 0102's PNG, and
	// two of 0104 that cannot be read; 0101's draft is not marked.
	if len(r.Photos) != 2 || r.Photos[0].Folio != "CT-2026-0101" || r.Photos[1].Folio != "CT-2026-0102" ||
		r.Photos[0].Caption != "Equipo de cómputo de cajas, ya reparado" {
		t.Errorf("photos = %+v, want the JPEG of 0101 with its caption and the PNG of 0102", r.Photos)
	}
	if len(r.PhotoNotes) != 2 {
		t.Errorf("photo notes = %q, want 2 (undecodable, missing)", r.PhotoNotes)
	}
	// Entries 2–7 fall in the quarter: creado 3, cerrado 2, firma 1.
	wantActions := []ActionCount{{"ticket.creado", "hecho: ticket.creado", 3}, {"ticket.cerrado", "hecho: ticket.cerrado", 2},
		{"firma.responsabilidad", "hecho: firma.responsabilidad", 1}}
	if r.LogEntries != 6 || len(r.Actions) != 3 {
		t.Fatalf("log = %d entries, %v; want 6, %v", r.LogEntries, r.Actions, wantActions)
	}
	for i, a := range r.Actions {
		if a != wantActions[i] {
			t.Errorf("action %d = %v, want %v", i, a, wantActions[i])
		}
	}
}

type failingSource struct{ fakeSource }

func (*failingSource) Tickets(context.Context, storage.TicketFilter) ([]storage.Ticket, error) {
	return nil, errors.New("store down")
}

func TestBuildSourceError(t *testing.T) {
	_, err := Build(context.Background(), &failingSource{}, Config{}, calendar.Quarter{Year: 2026, Q: 3}, time.Now())
	if err == nil || !strings.Contains(err.Error(), "store down") {
		t.Errorf("Build error = %v, want the store's error wrapped", err)
	}
}

func mustTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		tb.Fatalf("%s not found: install poppler-utils (apt-get install -y poppler-utils)", name)
	}
	return path
}

// mustPDFText writes the report as PDF and returns its text, whitespace
// collapsed, and its page count.
func mustPDFText(tb testing.TB, r *Report) (string, int) {
	tb.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, r); err != nil {
		tb.Fatalf("WritePDF: %v", err)
	}
	file := filepath.Join(tb.TempDir(), "informe.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		tb.Fatal(err)
	}
	out, err := exec.Command(mustTool(tb, "pdftotext"), "-layout", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command(mustTool(tb, "pdfinfo"), file).Output()
	if err != nil {
		tb.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		tb.Fatalf("pdfinfo: no page count in %s", info)
	}
	pages := 0
	for _, c := range m[1] {
		pages = 10*pages + int(c-'0')
	}
	return strings.Join(strings.Fields(string(out)), " "), pages
}

func TestWritePDF(t *testing.T) {
	loc := mustLoc(t)
	text, pages := mustPDFText(t, mustBuild(t, time.Date(2026, 10, 5, 9, 0, 0, 0, loc)))
	want := []string{
		"Universidad Politécnica de Ejemplo",
		"Coordinación de Tecnologías",
		"Informe Trimestral DP-RG.02",
		"Trimestre: tercer trimestre de 2026 (3T-2026)",
		"Periodo: 01/07/2026 – 30/09/2026",
		"Fecha límite de entrega: 07/10/2026",
		// Per service: solicitados, programados, cumplidos, a tiempo, pendientes, cumplimiento.
		"Mantenimiento de infraestructura tecnológica 2 2 3 2 1 75.0 %",
		"Actualización del sitio web 1 0 1 1 0 100.0 %",
		"Cuentas de correo electrónico 2 0 1 1 1 50.0 %",
		"Diseño gráfico 1 0 1 0 0 100.0 %",
		"Sistema de control escolar 1 0 0 0 1 0.0 %",
		"Total 7 2 6 4 3 66.7 %",
		"rechazados: 1; cancelados: 2; en espera de visto bueno al cierre: 2",
		"Reprogramaciones de fecha comprometida: 3",
		"al cierre del periodo seguían en espera de visto bueno",
		"Cumplimiento: 66.7 % (6 de 9) — por debajo de la meta",
		"Entregas a tiempo: 66.7 % (4 de 6 cumplidos)",
		"meta 90 %",
		// The list, with the requester and the status by its label.
		"Solicitante", "CT-2026-0101", "CT-2026-0111", "Rosa Díaz", "«cerrado»",
		"cumplido fuera de tiempo", "en espera de visto bueno",
		// Satisfaction: 0101 (5) and 0102 (3) of mantenimiento, 0105 (4) of web.
		"Satisfacción de los usuarios",
		"Mantenimiento de infraestructura tecnológica 2 4.0 de 5", "Actualización del sitio web 1 4.0 de 5", "Total 3 4.0 de 5",
		"Muy rápido, gracias.",
		// CT-RG.01: pm-1 done, pm-2 cancelled, pm-3 open, pm-4 not opened; pm-1 and pm-3 committed after the day planned.
		"Programados: 4 · Realizados: 1 · Pendientes: 2 · Reprogramados: 2 · Cancelados: 1",
		"Impresora de cajas", "realizado el 07/08/2026;", "reprogramado al 05/08/2026", "Proyector de la sala", "por abrir",
		"Memoria fotográfica",
		"CT-2026-0101 · 09/07/2026", "Equipo de cómputo de cajas, ya reparado", "CT-2026-0102 · 20/07/2026",
		`la foto "rota.jpg" no se pudo leer`, `la foto "perdida.jpg" ya no está disponible`,
		"Registros en el periodo: 6",
		"hecho: ticket.creado 3", "hecho: ticket.cerrado 2", "hecho: firma.responsabilidad 1",
		"Observaciones de la coordinación", "El trimestre cerró con la renovación del equipo de cajas.",
		"Ana López", "Coordinadora de Tecnologías", "Dirección de Planeación",
		"Página 1 de",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	for _, absent := range []string{"CT-2026-0099", "CT-2026-0112", "BORRADOR", "Ã", "CT-2026-0105 · ", "Coordinador de Tecnologías"} {
		if strings.Contains(text, absent) {
			t.Errorf("PDF text has %q", absent)
		}
	}
	// Cover, summary and chart; the ticket list on a landscape page; then
	// satisfaction, the program, photos, bitácora, observations and signatures.
	if pages < 4 || !strings.Contains(text, "Página "+itoa(pages)+" de "+itoa(pages)) {
		t.Errorf("pages = %d; want at least 4 and a footer 'Página %d de %d'", pages, pages, pages)
	}
}

func TestWritePDFDraftA4(t *testing.T) {
	loc := mustLoc(t)
	r := mustBuild(t, time.Date(2026, 9, 25, 12, 0, 0, 0, loc))
	r.PaperSize = "A4"
	text, _ := mustPDFText(t, r)
	for _, w := range []string{"BORRADOR", "Proyección con las cifras", "Cumplimiento: 75.0 % (6 de 8)"} {
		if !strings.Contains(text, w) {
			t.Errorf("draft PDF text lacks %q", w)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	loc := mustLoc(t)
	r := mustBuild(t, time.Date(2026, 10, 5, 9, 0, 0, 0, loc))
	var buf bytes.Buffer
	if err := WriteCSV(&buf, r); err != nil {
		t.Fatalf("WriteCSV: %v", err)
	}
	data, ok := bytes.CutPrefix(buf.Bytes(), []byte("\ufeff"))
	if !ok {
		t.Fatalf("CSV does not start with a UTF-8 byte-order mark")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		t.Fatalf("read CSV back: %v", err)
	}
	fields := map[string]string{}
	totals := map[string][]string{}
	var tickets [][]string
	rated := map[string]string{}
	var comments, planned []string
	block := ""
	for _, rec := range records {
		switch rec[0] {
		case "campo", "servicio", "folio", "servicio calificado", "folio comentado", "fecha planeada":
			block = rec[0]
			continue
		}
		switch block {
		case "campo":
			fields[rec[0]] = rec[1]
		case "servicio":
			totals[rec[0]] = rec
		case "folio":
			tickets = append(tickets, rec)
		case "servicio calificado":
			rated[rec[0]] = rec[2] + " " + rec[3]
		case "folio comentado":
			comments = append(comments, strings.Join(rec, "|"))
		case "fecha planeada":
			planned = append(planned, strings.Join(rec, "|"))
		}
	}
	if fields["fecha límite de entrega"] != "07/10/2026" || fields["trimestre"] != "3T-2026" || fields["institución"] != r.Institution ||
		fields["periodo"] != "tercer trimestre de 2026" || fields["elaboró"] != "Ana López" || fields["regla del indicador"] != BaseRule ||
		!strings.HasPrefix(fields["observaciones de la coordinación"], "El trimestre cerró") {
		t.Errorf("report fields = %v", fields)
	}
	// solicitados, programados, cumplidos, a tiempo, pendientes, rechazados,
	// cancelados, en espera de visto bueno, reprogramaciones, cumplimiento %, a tiempo %.
	wantTotals := map[string]string{
		"mantenimiento": "2 2 3 2 1 0 1 0 1 75.0 66.7",
		"web":           "1 0 1 1 0 1 0 2 0 100.0 100.0",
		"diseno":        "1 0 1 0 0 0 1 0 2 100.0 0.0",
		"total":         "7 2 6 4 3 1 2 2 3 66.7 66.7",
	}
	for id, want := range wantTotals {
		if got := strings.Join(totals[id][2:], " "); got != want {
			t.Errorf("%s figures = %q, want %q", id, got, want)
		}
	}
	if len(tickets) != 14 {
		t.Fatalf("got %d ticket rows, want 14", len(tickets))
	}
	// Count the results back from the rows and compare with the totals.
	results := map[string]int{}
	for _, rec := range tickets {
		results[rec[10]]++
	}
	wantResults := map[string]int{"cumplido a tiempo": 4, "cumplido fuera de tiempo": 2, "pendiente": 3, "rechazado": 1,
		"cancelado": 2, "en espera de visto bueno": 2}
	for k, v := range wantResults {
		if results[k] != v {
			t.Errorf("rows with result %q = %d, want %d", k, results[k], v)
		}
	}
	first := strings.Join(tickets[0], "|")
	if want := "CT-2026-0101|Mantenimiento de infraestructura tecnológica|Dirección de Finanzas|Rosa Díaz|«cerrado»|solicitado|02/07/2026|10/07/2026|0|09/07/2026|cumplido a tiempo"; first != want {
		t.Errorf("first row = %q, want %q", first, want)
	}
	if rated["mantenimiento"] != "2 4.0" || rated["web"] != "1 4.0" || rated["total"] != "3 4.0" || rated["correo"] != "0 " {
		t.Errorf("ratings per service = %v", rated)
	}
	if len(comments) != 2 || comments[0] != "CT-2026-0101|Mantenimiento de infraestructura tecnológica|5|09/07/2026|Muy rápido, gracias." {
		t.Errorf("comments = %q", comments)
	}
	if len(planned) != 4 || planned[0] != "01/08/2026|Impresora de cajas|Dirección de Finanzas|Beto Ruiz|CT-2026-0103|realizado|al 05/08/2026|07/08/2026" {
		t.Errorf("CT-RG.01 rows = %q", planned)
	}
}

func itoa(n int) string {
	var b []byte
	for {
		b = append([]byte{byte('0' + n%10)}, b...)
		if n /= 10; n == 0 {
			return string(b)
		}
	}
}
