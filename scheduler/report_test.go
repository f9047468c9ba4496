package scheduler_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// seedQ3 stores the tickets of the third quarter of 2026 that the hand
// count below is made of, and one of the quarter before.
//
//	mantenimiento  requested   closed 10/08, due 12/08   fulfilled on time
//	mantenimiento  programmed  closed 10/09, due 08/09   fulfilled late
//	correo         requested   in progress               pending
//	web            requested   rejected                  outside the base
//	diseno         requested   closed 20/07, no date     fulfilled on time
//
// Base 4 (3 requested + 1 programmed), fulfilled 3: 75.0 %; on time 2 of 3.
func seedQ3(tb testing.TB, st storage.Store) {
	closed := func(svc string, created, closedAt, due [3]int, programmed bool) storage.Ticket {
		tk := storage.Ticket{Service: svc, Requester: "rosa", Area: "finanzas", Status: storage.StatusClosed, Assignee: "beto",
			Programmed: programmed, Created: at(2026, timeMonth(created[1]), created[0], 10, 0),
			Closed: at(2026, timeMonth(closedAt[1]), closedAt[0], 12, 0)}
		if due[0] > 0 {
			tk.Dates = []storage.CommittedDate{{Date: at(2026, timeMonth(due[1]), due[0], 0, 0), By: "beto"}}
		}
		return tk
	}
	mustTicket(tb, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "recibida", Created: at(2026, 6, 15, 9, 0)})
	mustTicket(tb, st, closed("mantenimiento", [3]int{3, 8}, [3]int{10, 8}, [3]int{12, 8}, false))
	mustTicket(tb, st, closed("mantenimiento", [3]int{1, 9}, [3]int{10, 9}, [3]int{8, 9}, true))
	mustTicket(tb, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "en_proceso", Assignee: "beto", Created: at(2026, 9, 14, 9, 0)})
	mustTicket(tb, st, storage.Ticket{Service: "web", Requester: "rosa", Area: "finanzas", Status: storage.StatusRejected, Created: at(2026, 7, 6, 9, 0)})
	mustTicket(tb, st, closed("diseno", [3]int{15, 7}, [3]int{20, 7}, [3]int{}, false))
}

// The done-when scenario: on the last day of a quarter the coordinator gets
// the due date and the draft report, whose figures match the hand count;
// then a reminder each business day, an escalation on the due day, and
// nothing more once the coordinator marks it delivered with the button.
func TestReportAtQuarterEnd(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			e := mustEnv(t, st, at(2026, 9, 30, 7, 0))
			seedQ3(t, st)

			alerts := to(e.runAt(t, at(2026, 9, 30, 9, 30)), "ana", "Hoy concluye el tercer trimestre de 2026")
			if len(alerts) != 1 {
				t.Fatalf("want one alert on 30/09, got %d", len(alerts))
			}
			alert := alerts[0]
			if !strings.Contains(alert.Text, "a más tardar el 07/10/2026 (5 días hábiles)") ||
				!strings.Contains(alert.Text, "Cumplimiento: 75 %, 3 de 4 servicios (3 solicitados y 1 programados)") {
				t.Errorf("alert text:\n%s", alert.Text)
			}
			if len(alert.Buttons) != 1 || alert.Buttons[0][0].Code != "k:2026Q3" {
				t.Errorf("alert buttons %+v, want the delivered button", alert.Buttons)
			}
			if len(alert.Files) != 2 || !strings.HasSuffix(alert.Files[0].Name, ".pdf") || !strings.HasSuffix(alert.Files[1].Name, ".csv") {
				t.Fatalf("alert files %+v, want the PDF and the CSV", alert.Files)
			}
			text := pdfText(t, st, alert.Files[0].ID)
			for _, want := range []string{
				"Universidad Politécnica de Ejemplo", "Informe Trimestral DP-RG.02",
				"Periodo: 01/07/2026 – 30/09/2026", "Fecha límite de entrega: 07/10/2026",
				"Mantenimiento de infraestructura tecnológica 1 1 2 1 0 100.0 %",
				"Cuentas de correo electrónico 1 0 0 0 1 0.0 %",
				"Diseño gráfico 1 0 1 1 0 100.0 %",
				"Total 3 1 3 2 1 75.0 %",
				"Cumplimiento: 75.0 % (3 de 4)",
				"Entregas a tiempo: 66.7 % (2 de 3 cumplidos)",
				"rechazados: 1",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF lacks %q", want)
				}
			}
			if strings.Contains(text, "CT-2026-0001") {
				t.Errorf("PDF lists the ticket of the second quarter")
			}
			total := csvRow(t, st, alert.Files[1].ID, "total")
			if got := strings.Join(total[2:12], " "); got != "3 1 3 2 1 1 0 0 0 75.0" {
				t.Errorf("CSV total row %q, want 3 1 3 2 1 1 0 0 0 75.0", got)
			}

			if again := e.runAt(t, at(2026, 9, 30, 18, 0)); len(to(again, "ana", "Informe")) != 0 {
				t.Errorf("alert repeated:%s", texts(again))
			}
			days := map[int]string{
				1: "quedan 4 días hábiles", 2: "quedan 3", 3: "", 4: "", 5: "quedan 2", 6: "queda 1 día hábil", 7: "Hoy, 07/10/2026, vence",
			}
			for d := 1; d <= 7; d++ {
				msgs := e.runAt(t, at(2026, 10, d, 9, 30))
				got := to(msgs, "ana", "Informe Trimestral DP-RG.02 del tercer trimestre")
				if days[d] == "" {
					if len(got) != 0 {
						t.Errorf("%d/10 is a weekend, got%s", d, texts(got))
					}
					continue
				}
				if len(got) != 1 || !strings.Contains(got[0].Text, days[d]) || got[0].Buttons[0][0].Code != "k:2026Q3" {
					t.Errorf("%d/10: want a reminder with %q, got%s", d, days[d], texts(got))
				}
				if d == 7 && len(to(msgs, "rect", "aún no está marcado como entregado")) != 1 {
					t.Errorf("no escalation on the due day:%s", texts(msgs))
				}
			}

			e.clock.Set(at(2026, 10, 7, 12, 0))
			done := e.say(t, conversations.Event{ID: "press-1", Person: "ana", Button: "k:2026Q3", Pressed: "m1"})
			if len(done) != 1 || done[0].Edit != "m1" || !strings.Contains(done[0].Text, "dentro del plazo (fecha límite: 07/10/2026)") {
				t.Errorf("marking delivered answered%s", texts(done))
			}
			log, err := st.Log(context.Background(), storage.LogFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(log); n == 0 || log[n-1].Action != "informe_entregado" || log[n-1].Who != "ana" {
				t.Errorf("bitácora lacks the delivery: %+v", log)
			}
			if after := e.runAt(t, at(2026, 10, 8, 9, 30)); len(to(after, "ana", "DP-RG.02")) != 0 {
				t.Errorf("reminder after delivery:%s", texts(after))
			}
			twice := e.say(t, conversations.Event{ID: "cmd-2", Person: "ana", Text: "/entregado 2026Q3"})
			if len(twice) != 1 || !strings.Contains(twice[0].Text, "ya estaba marcado como entregado por Ana López el 07/10/2026") {
				t.Errorf("second mark answered%s", texts(twice))
			}
		})
	}
}

// The coordinator asks for the report in chat and gets the PDF and the CSV;
// other people may not.
func TestReportCommand(t *testing.T) {
	st := convtest.SQLite(t)
	e := mustEnv(t, st, at(2026, 10, 2, 9, 0))
	seedQ3(t, st)
	e.drain(t)
	got := e.say(t, conversations.Event{ID: "u1", Person: "ana", Text: "/informe 2026Q3"})
	if len(got) != 1 || len(got[0].Files) != 2 || !strings.Contains(got[0].Text, "a más tardar el 07/10/2026") {
		t.Fatalf("/informe answered%s", texts(got))
	}
	if text := pdfText(t, st, got[0].Files[0].ID); !strings.Contains(text, "Total 3 1 3 2 1 75.0 %") {
		t.Errorf("PDF of /informe lacks the totals")
	}
	kpi := e.say(t, conversations.Event{ID: "u2", Person: "beto", Text: "/kpi"})
	if len(kpi) != 1 || !strings.Contains(kpi[0].Text, "Indicador de cumplimiento del 01/10/2026 al 31/12/2026 (al día de hoy)") {
		t.Errorf("/kpi answered%s", texts(kpi))
	}
	for _, cmd := range []string{"/informe", "/entregado 2026Q3", "/kpi", "/programa"} {
		no := e.say(t, conversations.Event{ID: "r" + cmd, Person: "rosa", Text: cmd})
		if len(no) != 1 || !strings.Contains(no[0].Text, "reservado a la Coordinación de Tecnologías") {
			t.Errorf("rosa %s answered%s", cmd, texts(no))
		}
	}
	bad := e.say(t, conversations.Event{ID: "u3", Person: "ana", Text: "/informe 2026T5"})
	if len(bad) != 1 || !strings.Contains(bad[0].Text, "Escríbelo como 3T-2026") {
		t.Errorf("bad quarter answered%s", texts(bad))
	}
}

// pdfText extracts a stored PDF's text, whitespace collapsed.
func pdfText(tb testing.TB, st storage.Store, id string) string {
	tb.Helper()
	f, err := st.File(context.Background(), id)
	if err != nil {
		tb.Fatalf("file %s: %v", id, err)
	}
	path := filepath.Join(tb.TempDir(), f.Name)
	if err := os.WriteFile(path, f.Data, 0o600); err != nil {
		tb.Fatal(err)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		tb.Fatalf("pdftotext not found: install poppler-utils (apt-get install -y poppler-utils)")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// csvRow parses a stored CSV and returns the first row whose first cell is key.
func csvRow(tb testing.TB, st storage.Store, id, key string) []string {
	tb.Helper()
	f, err := st.File(context.Background(), id)
	if err != nil {
		tb.Fatalf("file %s: %v", id, err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(f.Data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatalf("csv: %v", err)
	}
	for _, row := range rows {
		if len(row) > 0 && row[0] == key {
			return row
		}
	}
	tb.Fatalf("csv has no row %q", key)
	return nil
}

func timeMonth(m int) time.Month { return time.Month(m) }
