package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

const programCSV = "área;equipo;fecha;técnico;notas\n" +
	"Dirección de Finanzas;Impresora HP piso 2;19/11/2026;Beto Ruiz;cambiar tóner\n" +
	"finanzas;Conmutador de red;24/11/2026;beto;\n"

// A CT-RG.01 file the coordinator sends in chat produces, on the right
// days, the reminders (3 business days ahead, skipping 16/11/2026) and the
// programmed tickets, which count in the indicator.
func TestProgramImportedInChat(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			e := mustEnv(t, st, at(2026, 11, 11, 7, 0))
			ctx := context.Background()
			e.clock.Set(at(2026, 11, 11, 10, 0))

			ask := e.say(t, conversations.Event{ID: "u1", Person: "ana", Text: "/programa"})
			if len(ask) != 1 || !strings.Contains(ask[0].Text, "envíame el archivo CSV o YAML") {
				t.Fatalf("/programa answered%s", texts(ask))
			}
			file := conversations.IncomingFile{Name: "programa.csv", MIME: "text/csv", Data: []byte(programCSV)}
			got := e.say(t, conversations.Event{ID: "u2", Person: "ana", Files: []conversations.IncomingFile{file}})
			if len(got) != 1 || !strings.Contains(got[0].Text, "2 equipos (2 nuevos y 0 actualizados), del 19/11/2026 al 24/11/2026") {
				t.Fatalf("import answered%s", texts(got))
			}
			again := e.say(t, conversations.Event{ID: "u3", Person: "ana", Text: "/programa", Files: []conversations.IncomingFile{file}})
			if len(again) != 1 || !strings.Contains(again[0].Text, "0 nuevos y 2 actualizados") {
				t.Fatalf("re-import answered%s", texts(again))
			}
			items, err := st.PlanItems(ctx, time.Time{}, time.Time{})
			if err != nil || len(items) != 2 {
				t.Fatalf("plan has %d items (%v), want 2", len(items), err)
			}

			reminded := map[int]int{}
			opened := map[int][]string{}
			for d := 11; d <= 24; d++ {
				msgs := e.runAt(t, at(2026, 11, d, 7, 45))
				for _, m := range msgs {
					switch {
					case strings.HasPrefix(m.Text, "Recordatorio del Programa de Mantenimiento Preventivo"):
						reminded[d]++
						if m.To != "beto" {
							t.Errorf("%d/11: técnico reminder to %s", d, m.To)
						}
					case strings.HasPrefix(m.Text, "Aviso de la Coordinación de Tecnologías"):
						reminded[d]++
						if m.To != "luis" || !strings.Contains(m.Text, "lo atenderá Beto Ruiz") {
							t.Errorf("%d/11: supervisor notice %s: %s", d, m.To, m.Text)
						}
					case strings.HasPrefix(m.Text, "Mantenimiento preventivo programado (CT-RG.01): hoy"):
						opened[d] = append(opened[d], m.To)
						if len(m.Buttons) == 0 {
							t.Errorf("%d/11: the técnico's notice has no buttons", d)
						}
					case strings.HasPrefix(m.Text, "La Coordinación de Tecnologías realiza hoy"):
						opened[d] = append(opened[d], m.To)
					}
				}
			}
			// 19/11 minus 3 business days is 13/11 (16/11 is a holiday);
			// 24/11 minus 3 is 19/11.
			if len(reminded) != 2 || reminded[13] != 2 || reminded[19] != 2 {
				t.Errorf("reminders by day %v, want two on 13/11 and two on 19/11", reminded)
			}
			if len(opened) != 2 || strings.Join(opened[19], ",") != "beto,luis" || strings.Join(opened[24], ",") != "beto,luis" {
				t.Errorf("tickets opened by day %v, want 19/11 and 24/11, told to beto and luis", opened)
			}

			ts, err := st.Tickets(ctx, storage.TicketFilter{})
			if err != nil || len(ts) != 2 {
				t.Fatalf("%d tickets (%v), want 2", len(ts), err)
			}
			tk := ts[0]
			if !tk.Programmed || tk.Service != "mantenimiento" || tk.Status != "recibida" || tk.Assignee != "beto" ||
				tk.Requester != "luis" || !strings.Contains(tk.Fields["falla"], "Impresora HP piso 2") {
				t.Errorf("programmed ticket %+v", tk)
			}
			loc := convtest.Location()
			q := calendar.QuarterOf(at(2026, 11, 24, 12, 0))
			k := report.SoFar(ts, q.Start(loc), q.End(loc), at(2026, 11, 24, 12, 0), loc, e.eng.AwaitsApproval)
			if k.Overall.Programmed != 2 || k.Overall.Pending != 2 {
				t.Errorf("KPI counts %+v, want 2 programmed and pending", k.Overall)
			}
			items, _ = st.PlanItems(ctx, time.Time{}, time.Time{})
			for _, it := range items {
				if it.Folio == "" || it.Reminded.IsZero() {
					t.Errorf("item %s kept no folio or reminder: %+v", it.ID, it)
				}
			}
			if late := to(e.runAt(t, at(2026, 11, 25, 7, 45)), "beto", "programado"); len(late) != 0 {
				t.Errorf("a ticket was opened twice:%s", texts(late))
			}
			if ts, _ := st.Tickets(ctx, storage.TicketFilter{}); len(ts) != 2 {
				t.Errorf("%d tickets after another run, want 2", len(ts))
			}
		})
	}
}

// Every wrong row is reported with its line, in Spanish, and nothing is kept.
func TestProgramFileErrors(t *testing.T) {
	st := convtest.SQLite(t)
	e := mustEnv(t, st, at(2026, 11, 11, 7, 0))
	bad := "area,equipo,fecha,tecnico\n" +
		"Contabilidad,Impresora,19/11/2026,beto\n" +
		"finanzas,,19/11/2026,beto\n" +
		"finanzas,Proyector,31/02/2026,beto\n" +
		"finanzas,Proyector,19/11/2026,rosa\n" +
		"finanzas,Escáner,02/11/2026,beto\n" +
		"finanzas,Impresora,20/11/2026,beto\n" +
		"finanzas,impresora,20/11/2026,Beto Ruiz\n"
	got := e.say(t, conversations.Event{ID: "u1", Person: "ana", Text: "/programa",
		Files: []conversations.IncomingFile{{Name: "programa.csv", Data: []byte(bad)}}})
	if len(got) != 1 {
		t.Fatalf("want one answer, got%s", texts(got))
	}
	for _, want := range []string{
		"No cargué el archivo «programa.csv» porque tiene 6 problemas",
		"• Línea 2: el área «Contabilidad» no está en el directorio",
		"• Línea 3: falta el equipo.",
		"• Línea 4: la fecha «31/02/2026» no es válida; escríbela como dd/mm/aaaa",
		"• Línea 5: «rosa» no es integrante de la Coordinación de Tecnologías",
		"• Línea 6: la fecha 02/11/2026 ya pasó",
		"• Línea 8: «impresora» repite el área, el equipo y la fecha de la línea 7.",
	} {
		if !strings.Contains(got[0].Text, want) {
			t.Errorf("answer lacks %q:\n%s", want, got[0].Text)
		}
	}
	if items, _ := st.PlanItems(context.Background(), time.Time{}, time.Time{}); len(items) != 0 {
		t.Errorf("a file with errors stored %d items", len(items))
	}
	yaml := "items:\n  - area: finanzas\n    equipo: Proyector aula 3\n    fecha: 30/11/2026\n    tecnico: beto\n"
	ok := e.say(t, conversations.Event{ID: "u2", Person: "ana", Files: []conversations.IncomingFile{{Name: "programa.yaml", Data: []byte(yaml)}}})
	if len(ok) != 1 || !strings.Contains(ok[0].Text, "1 equipo (1 nuevo y 0 actualizados)") {
		t.Errorf("YAML import answered%s", texts(ok))
	}
	other := e.say(t, conversations.Event{ID: "u3", Person: "beto", Files: []conversations.IncomingFile{{Name: "programa.yaml", Data: []byte(yaml)}}})
	if len(other) == 0 || strings.Contains(other[0].Text, "Cargué") {
		t.Errorf("a técnico's file was imported%s", texts(other))
	}
}

// The coordinator is reminded to prepare CT-RG.01 on the first business day
// of a cuatrimestre's first month: Monday 04/05/2026, as 01/05 is a holiday.
func TestCuatrimestreReminder(t *testing.T) {
	e := mustEnv(t, convtest.SQLite(t), at(2026, 4, 30, 7, 0))
	var days []int
	for _, d := range []time.Time{at(2026, 4, 30, 8, 30), at(2026, 5, 1, 8, 30), at(2026, 5, 4, 8, 30), at(2026, 5, 5, 8, 30)} {
		if len(to(e.runAt(t, d), "ana", "Inicia un cuatrimestre (del 01/05/2026 al 31/08/2026)")) > 0 {
			days = append(days, d.Day())
		}
	}
	if len(days) != 1 || days[0] != 4 {
		t.Errorf("cuatrimestre reminders on %v, want only on 4/5", days)
	}
}
