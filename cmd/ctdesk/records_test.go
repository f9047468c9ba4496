package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	next := now.Year() + 1
	writeFile(t, good, fmt.Sprintf("area,equipo,fecha,tecnico\nfinanzas,Impresora HP del área,15/01/%d,beto\nfinanzas,Equipo de cómputo de caja,20/01/%d,beto\n", next, next))
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
	if !strings.Contains(log, "programa_importado") {
		t.Errorf("the import is not in the bitácora:\n%s", log)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
