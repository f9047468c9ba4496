package scheduler_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/conversations/convtest"
	"ctdesk/scheduler"
	"ctdesk/storage"
)

// The digest reaches the coordinator at 08:00 on business days only: not on
// the weekend, not on 16/11/2026 (third Monday of November, Revolución).
func TestDigestOnBusinessDaysOnly(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			e := mustEnv(t, open(t), at(2026, 11, 11, 7, 0))
			var got []string
			for day := 11; day <= 23; day++ {
				if msgs := e.runAt(t, at(2026, 11, day, 7, 59)); len(to(msgs, "ana", "Resumen")) > 0 {
					t.Fatalf("digest before 08:00 on %d/11", day)
				}
				for _, m := range to(e.runAt(t, at(2026, 11, day, 8, 5)), "ana", "Resumen del") {
					got = append(got, strings.Fields(m.Text)[3])
				}
			}
			want := "12/11/2026 13/11/2026 17/11/2026 18/11/2026 19/11/2026 20/11/2026 23/11/2026"
			if g := strings.Join(got, " "); !strings.HasPrefix(g, "11/11/2026 ") || strings.TrimPrefix(g, "11/11/2026 ") != want {
				t.Errorf("digests on %s\nwant 11/11/2026 %s", g, want)
			}
		})
	}
}

// The digest lists what needs the coordinator: new, awaiting approval with
// age, overdue against the committed date, due soon, the preventive items
// of the week, and the KPI so far with a warning under 90 %.
func TestDigestContent(t *testing.T) {
	st := convtest.SQLite(t)
	e := mustEnv(t, st, at(2026, 11, 25, 7, 0))
	ctx := context.Background()
	day := func(d int) time.Time { return at(2026, 11, d, 0, 0) }
	waiting := mustTicket(t, st, storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_aprobar",
		Fields: map[string]string{"accion": "alta"}, Created: at(2026, 11, 23, 10, 0),
		History: []storage.Transition{{At: at(2026, 11, 23, 10, 0), By: "rosa", To: "por_aprobar", Action: "solicitar"}}})
	late := mustTicket(t, st, storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "en_reparacion",
		Assignee: "beto", Created: at(2026, 11, 2, 9, 0), Dates: []storage.CommittedDate{{Date: day(20), By: "beto"}}})
	soon := mustTicket(t, st, storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "en_reparacion",
		Assignee: "beto", Created: at(2026, 11, 3, 9, 0), Dates: []storage.CommittedDate{{Date: day(27), By: "beto"}}})
	fresh := mustTicket(t, st, storage.Ticket{Service: "diseno", Requester: "rosa", Area: "finanzas", Status: "recibida",
		Created: at(2026, 11, 24, 16, 0)})
	if err := st.PutPlanItems(ctx, storage.PlanItem{ID: "pm-1", Area: "finanzas", Equipment: "Impresora del piso 2",
		Planned: day(26), Tecnico: "beto", By: "ana"}); err != nil {
		t.Fatal(err)
	}
	digests := to(e.runAt(t, at(2026, 11, 25, 8, 0)), "ana", "Resumen del miércoles 25/11/2026")
	if len(digests) != 1 {
		t.Fatalf("want one digest, got %d", len(digests))
	}
	text := digests[0].Text
	for _, want := range []string{
		"Nuevas desde el último resumen (1):\n• " + fresh,
		"En espera de visto bueno (1):\n• " + waiting + " · Cuenta de correo electrónico · Dirección de Finanzas",
		"(desde hace 1 día)",
		"Vencidas respecto de la fecha comprometida (1):\n• " + late,
		"(comprometida para el 20/11/2026, 3 días hábiles de atraso; atiende Beto Ruiz)",
		"Vencen pronto (1):\n• " + soon,
		"Mantenimiento preventivo de esta semana (1):\n• 26/11/2026 · Impresora del piso 2 · Dirección de Finanzas · Beto Ruiz — por abrir",
		"Cumplimiento: 0 %, 0 de 3 servicios (3 solicitados y 0 programados). Meta: 90 %.\nPendientes: 3 · Reprogramaciones: 0 · Rechazados: 0 · Cancelados: 0\nEn espera de visto bueno, aún sin contar como solicitados: 1",
		"por debajo de la meta del 90 %",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
}

// A digest missed while ctdesk was down goes out once at start; the
// runs missed on earlier days are not replayed one by one.
func TestCatchUpAfterDowntime(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			e := mustEnv(t, st, at(2026, 11, 23, 7, 0))
			// Down from Monday 07:00 to Thursday 10:00: a new process starts.
			back := mustReplica(t, st, convtest.NewClock(at(2026, 11, 26, 10, 0)), "b")
			if err := back.s.RunDue(context.Background()); err != nil {
				t.Fatal(err)
			}
			msgs := e.drain(t)
			if d := to(msgs, "ana", "Resumen del"); len(d) != 1 || !strings.Contains(d[0].Text, "26/11/2026") {
				t.Fatalf("want one digest of 26/11 after downtime, got%s", texts(d))
			}
			last, err := st.LastRun(context.Background(), scheduler.JobDigest)
			if err != nil || !last.Equal(at(2026, 11, 26, 8, 0)) {
				t.Errorf("last run %v (%v), want 26/11 08:00", last, err)
			}
			if again := back.runAt(t, at(2026, 11, 26, 11, 0)); len(to(again, "ana", "Resumen")) != 0 {
				t.Errorf("digest sent twice:%s", texts(again))
			}
		})
	}
}

// Two replicas on one Redis, firing at the same moment: one digest.
func TestTwoSchedulersOneRedis(t *testing.T) {
	st := convtest.Redis(t)
	e := mustEnv(t, st, at(2026, 11, 25, 7, 0))
	clock := convtest.NewClock(at(2026, 11, 25, 7, 0))
	a := mustReplica(t, st, clock, "a")
	b := mustReplica(t, st, clock, "b")
	for day := 25; day <= 27; day++ {
		clock.Set(at(2026, 11, day, 8, 0))
		var wg sync.WaitGroup
		for _, r := range []*env{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := r.s.RunDue(context.Background()); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		e.clock.Set(clock.Now())
		if d := to(e.drain(t), "ana", "Resumen del"); len(d) != 1 {
			t.Errorf("day %d: want one digest from two replicas, got %d", day, len(d))
		}
	}
}

// A spec that names only a zone would panic in the cron parser; it is an
// error when the scheduler is built.
func TestSpecsAreChecked(t *testing.T) {
	for _, spec := range []string{"CRON_TZ=America/Mexico_City", "TZ=UTC ", "61 8 * * *", "", "cada día"} {
		if _, err := scheduler.ParseSpec(spec); err == nil {
			t.Errorf("ParseSpec(%q) accepted", spec)
		}
	}
	if _, err := scheduler.ParseSpec("CRON_TZ=America/Mexico_City 0 8 * * 1-5"); err != nil {
		t.Errorf("zone with schedule refused: %v", err)
	}
	st := convtest.SQLite(t)
	e := mustEnv(t, st, at(2026, 11, 25, 7, 0))
	for _, cfg := range []scheduler.Config{
		{Specs: map[string]string{scheduler.JobDigest: "CRON_TZ=America/Mexico_City"}},
		{Specs: map[string]string{"otro": "@daily"}},
		{DigestAt: "8am"},
	} {
		if _, err := scheduler.New(cfg, st, e.eng, nil); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}
