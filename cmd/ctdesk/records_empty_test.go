package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRecordsBeforeAnyData: the bitácora and the report of a data file that
// does not exist yet are empty, with a Spanish note, and create nothing.
func TestRecordsBeforeAnyData(t *testing.T) {
	dir := inEmptyDir(t)
	vars := map[string]string{"CTDESK_DATA": filepath.Join(dir, "aun-no.db")}
	out, errs, err := runOut(t, vars, "bitacora")
	if err != nil {
		t.Fatalf("bitacora: %v\n%s", err, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 1 || rows[0][0] != "fecha" {
		t.Errorf("bitacora of no data: %q, %v; want the header alone", out, err)
	}
	if !strings.Contains(errs, "Aún no hay datos") || !strings.Contains(errs, "aun-no.db") {
		t.Errorf("bitacora of no data says %q", errs)
	}
	csvOut := filepath.Join(t.TempDir(), "informe.csv")
	if _, errs, err = runOut(t, vars, "report", "--quarter", "3T-2026", "--format", "csv", "--out", csvOut); err != nil {
		t.Fatalf("report: %v\n%s", err, errs)
	}
	data, err := os.ReadFile(csvOut)
	if err != nil || !strings.Contains(string(data), "3T-2026") {
		t.Errorf("report of no data: %v\n%s", err, data)
	}
	if !strings.Contains(errs, "Aún no hay datos") || !strings.Contains(errs, "tercer trimestre de 2026 (3T-2026)") {
		t.Errorf("report of no data says %q", errs)
	}
	assertEmptyDir(t, dir)
}
