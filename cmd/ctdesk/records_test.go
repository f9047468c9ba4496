package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/lib/calendar"
)

// TestReportAndProgramCommands runs the two record commands a coordinator
// uses from the shell: the quarterly report after a request was fulfilled,
// and the import of a CT-RG.01 program (with a bad file refused line by line).
func TestReportAndProgramCommands(t *testing.T) {
	dir := t.TempDir()
	v := map[string]string{"CTDESK_DATA": filepath.Join(dir, "ctdesk.db")}
	runCtdesk(t, v, altaScript)

	out := filepath.Join(dir, "informe.csv")
	now := time.Now().In(mexico(t))
	quarter := fmt.Sprintf("%dQ%d", now.Year(), (int(now.Month())+2)/3)
	runCtdesk(t, v, "", "report", "--quarter", quarter, "--format", "csv", "--out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	if !strings.Contains(text, fmt.Sprintf("CT-%d-0001", now.Year())) {
		t.Errorf("the report does not list the fulfilled request:\n%s", text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	if _, err := r.ReadAll(); err != nil {
		t.Errorf("the report is not valid CSV: %v", err)
	}

	good := filepath.Join(dir, "programa.csv")
	cal := exampleCalendar(t)
	first, second := cal.AddBusinessDays(now, 20), cal.AddBusinessDays(now, 25)
	writeFile(t, good, fmt.Sprintf("area,equipo,fecha,tecnico\nfinanzas,Impresora HP del área,%s,beto\nfinanzas,Equipo de cómputo de caja,%s,beto\n",
		first.Format("02/01/2006"), second.Format("02/01/2006")))
	v["USER"] = "ana"
	msg := runCtdesk(t, v, "", "program", "import", good)
	if !strings.Contains(msg, "2") {
		t.Errorf("import message does not count the items: %q", msg)
	}
	bad := filepath.Join(dir, "malo.csv")
	writeFile(t, bad, "area,equipo,fecha,tecnico\ncompras,Impresora,15/01/2027,beto\nfinanzas,Proyector,31/02/2027,beto\n")
	var stderr strings.Builder
	err = run(t.Context(), []string{"program", "import", bad}, env(v), strings.NewReader(""), &strings.Builder{}, &stderr)
	if err == nil {
		t.Fatalf("a program with an unknown area and an impossible date was accepted")
	}
	for _, want := range []string{"2", "3"} { // the lines of both problems
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the refusal does not name line %s:\n%s", want, stderr.String())
		}
	}

	log := runCtdesk(t, v, "", "bitacora")
	if !strings.Contains(log, "ana,Ana López,coordinador,,Programa CT-RG.01 importado,") || strings.Contains(log, "programa_importado") {
		t.Errorf("the import is not in the bitácora under ana's name, in words:\n%s", log)
	}
}

// TestProgramImportDatesWithoutWork: a new item on a Saturday stops the
// import with the next business day offered, until --fechas decides; the
// bitácora names who --como says, who must be of the coordination.
func TestProgramImportDatesWithoutWork(t *testing.T) {
	dir := t.TempDir()
	v := map[string]string{"CTDESK_DATA": filepath.Join(dir, "ctdesk.db"), "USER": "operador"}
	cal := exampleCalendar(t)
	saturday := cal.AddBusinessDays(time.Now(), 20)
	// A Saturday followed by a working Monday.
	for saturday.Weekday() != time.Saturday || !cal.IsBusinessDay(saturday.AddDate(0, 0, 2)) {
		saturday = saturday.AddDate(0, 0, 1)
	}
	file := filepath.Join(dir, "programa.csv")
	writeFile(t, file, "area,equipo,fecha,tecnico\nfinanzas,Proyector,"+saturday.Format("02/01/2006")+",beto\n")

	_, errs, err := runOut(t, v, "program", "import", file)
	next := cal.AddBusinessDays(saturday, 1).Format("02/01/2006")
	if err == nil || !strings.Contains(errs, "cae en sábado; el siguiente día hábil es el lunes "+next) || !strings.Contains(err.Error(), "--fechas mover") {
		t.Fatalf("a Saturday: %v\n%s; want it refused with the next business day and --fechas offered", err, errs)
	}
	if _, _, err := runOut(t, v, "program", "import", "--fechas", "mover", "--como", "beto", file); err == nil || !strings.Contains(err.Error(), "--como beto") {
		t.Errorf("--como beto (a técnico) was accepted: %v", err)
	}
	if _, errs, err := runOut(t, v, "program", "import", "--fechas", "mover", file); err != nil {
		t.Fatalf("--fechas mover: %v\n%s", err, errs)
	}
	log := runCtdesk(t, v, "", "bitacora")
	if !strings.Contains(log, "operador,,,,Programa CT-RG.01 importado,") || !strings.Contains(log, "al "+next+" (desde la línea de comandos)") {
		t.Errorf("the import is not in the bitácora under the system user, moved to %s:\n%s", next, log)
	}
}

// TestSolicitudCommand prints the request CT-RG.03 of an e-mail account
// played in the console: its answers, the visto bueno, the signature of
// responsibility, the history and the rating, named as the records name them.
func TestSolicitudCommand(t *testing.T) {
	dir := t.TempDir()
	v := map[string]string{"CTDESK_DATA": filepath.Join(dir, "ctdesk.db")}
	runCtdesk(t, v, altaScript)
	folio := fmt.Sprintf("CT-%d-0001", time.Now().In(mexico(t)).Year())
	out := filepath.Join(dir, "solicitud.pdf")
	_, errs, err := runOut(t, v, "solicitud", strings.ToLower(folio), "--out", out)
	if err != nil || !strings.Contains(errs, "escrita en "+out) {
		t.Fatalf("solicitud: %v\n%s", err, errs)
	}
	text := pdfText(t, out)
	for _, want := range []string{
		"Solicitud de Servicios de Tecnologías CT-RG.03", "Folio " + folio,
		"Servicio Cuenta de correo electrónico", "Solicitante Rosa Díaz", "Estado Atendida y cerrada", "Atiende Beto Ruiz",
		"Acción Alta (crear una cuenta)", "Cuenta rosa.diaz@upe.edu.mx",
		"Jefe inmediato Luis Pérez Otorgado",
		"responsabilidad de la cuenta de correo Rosa Díaz",
		"Solicitud registrada Rosa Díaz (usuario)", "Visto bueno otorgado Luis Pérez (jefe inmediato)",
		"Solicitud tomada Beto Ruiz (técnico)", "Responsabilidad de la cuenta firmada Rosa Díaz (usuario)",
		"5 de 5", "Atendió, por la Coordinación de Tecnologías",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the request lacks %q:\n%s", want, text)
		}
	}
	for _, code := range []string{"por_firmar", "cerrado ", "completar", "tecnico"} {
		if strings.Contains(text, code) {
			t.Errorf("the request shows the code %q", code)
		}
	}
	if _, _, err := runOut(t, v, "solicitud", "CT-2026-9999", "--out", out); err == nil || !strings.Contains(err.Error(), "no existe la solicitud CT-2026-9999") {
		t.Errorf("an unknown folio: %v", err)
	}
	if _, _, err := runOut(t, v, "solicitud", "42", "--out", out); err == nil || !strings.Contains(err.Error(), "no es un folio") {
		t.Errorf("a bad folio: %v", err)
	}
}

// pdfText is a PDF's text, whitespace collapsed.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatalf("pdftotext not found: install poppler-utils")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// exampleCalendar is the business-day calendar of the bundled example.
func exampleCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	cfg, err := config.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Calendar()
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
