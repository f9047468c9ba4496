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
		People: func(id string) string { return map[string]string{"rosa": "Rosa Díaz"}[id] },
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
	if len(r.Tickets) != 11 {
		t.Errorf("got %d tickets, want 11 (0101–0111)", len(r.Tickets))
	}
	if r.KPI.Partial {
		t.Errorf("Partial = true after the quarter ended")
	}
	if len(r.Photos) != 2 || r.Photos[0].Folio != "CT-2026-0101" || r.Photos[1].Folio != "CT-2026-0102" {
		t.Errorf("photos = %d, want the JPEG of 0101 and the PNG of 0102", len(r.Photos))
	}
	if len(r.PhotoNotes) != 2 {
		t.Errorf("photo notes = %q, want 2 (undecodable, missing)", r.PhotoNotes)
	}
	// Entries 2–7 fall in the quarter: creado 3, cerrado 2, firma 1.
	wantActions := []ActionCount{{"ticket.creado", 3}, {"ticket.cerrado", 2}, {"firma.responsabilidad", 1}}
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
		"Periodo: 01/07/2026 – 30/09/2026",
		"Fecha límite de entrega: 07/10/2026",
		// Per service: solicitados, programados, cumplidos, a tiempo, pendientes, cumplimiento.
		"Mantenimiento de infraestructura tecnológica 2 2 3 2 1 75.0 %",
		"Actualización del sitio web 1 0 1 1 0 100.0 %",
		"Cuentas de correo electrónico 2 0 1 1 1 50.0 %",
		"Diseño gráfico 1 0 1 0 0 100.0 %",
		"Sistema de control escolar 1 0 0 0 1 0.0 %",
		"Total 7 2 6 4 3 66.7 %",
		"Rechazados: 1. Cancelados: 1",
		"Reprogramaciones de fecha comprometida: 3",
		"Cumplimiento: 66.7 % (6 de 9) — por debajo de la meta",
		"Entregas a tiempo: 66.7 % (4 de 6 cumplidos)",
		"meta 90 %",
		"CT-2026-0101", "CT-2026-0111", "Dirección de Finanzas",
		"cumplido fuera de tiempo",
		"Memoria fotográfica",
		"CT-2026-0101 · 09/07/2026", "CT-2026-0102 · 20/07/2026",
		`la foto "rota.jpg" no se pudo leer`, `la foto "perdida.jpg" ya no está disponible`,
		"Registros en el periodo: 6",
		"ticket.creado 3", "ticket.cerrado 2", "firma.responsabilidad 1",
		"Página 1 de",
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	for _, absent := range []string{"CT-2026-0099", "CT-2026-0112", "BORRADOR", "Ã"} {
		if strings.Contains(text, absent) {
			t.Errorf("PDF text has %q", absent)
		}
	}
	// Cover, summary and chart; the ticket list on a landscape page; photos and bitácora.
	if pages != 3 || !strings.Contains(text, "Página "+itoa(pages)+" de "+itoa(pages)) {
		t.Errorf("pages = %d; want 3 and a footer 'Página %d de %d'", pages, pages, pages)
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
	block := ""
	for _, rec := range records {
		switch rec[0] {
		case "campo", "servicio", "folio":
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
		}
	}
	if fields["fecha límite de entrega"] != "07/10/2026" || fields["trimestre"] != "3T-2026" || fields["institución"] != r.Institution {
		t.Errorf("report fields = %v", fields)
	}
	// solicitados, programados, cumplidos, a tiempo, pendientes, rechazados,
	// cancelados, reprogramaciones, cumplimiento %, a tiempo %.
	wantTotals := map[string]string{
		"mantenimiento": "2 2 3 2 1 0 0 1 75.0 66.7",
		"web":           "1 0 1 1 0 1 0 0 100.0 100.0",
		"diseno":        "1 0 1 0 0 0 1 2 100.0 0.0",
		"total":         "7 2 6 4 3 1 1 3 66.7 66.7",
	}
	for id, want := range wantTotals {
		if got := strings.Join(totals[id][2:], " "); got != want {
			t.Errorf("%s figures = %q, want %q", id, got, want)
		}
	}
	if len(tickets) != 11 {
		t.Fatalf("got %d ticket rows, want 11", len(tickets))
	}
	// Count the results back from the rows and compare with the totals.
	results := map[string]int{}
	for _, rec := range tickets {
		results[rec[10]]++
	}
	wantResults := map[string]int{"cumplido a tiempo": 4, "cumplido fuera de tiempo": 2, "pendiente": 3, "rechazado": 1, "cancelado": 1}
	for k, v := range wantResults {
		if results[k] != v {
			t.Errorf("rows with result %q = %d, want %d", k, results[k], v)
		}
	}
	first := strings.Join(tickets[0], "|")
	if want := "CT-2026-0101|Mantenimiento de infraestructura tecnológica|Dirección de Finanzas|Rosa Díaz|cerrado|solicitado|02/07/2026|10/07/2026|0|09/07/2026|cumplido a tiempo"; first != want {
		t.Errorf("first row = %q, want %q", first, want)
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
