package staff_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/convtest"
	"ctdesk/conversations/staff"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// now is a Thursday morning in the institution's time zone.
var now = time.Date(2026, 11, 26, 10, 0, 0, 0, convtest.Location())

// services stands in for the engine's workflows: every status but the
// terminal ones is open, and "por_aprobar" waits for a visto bueno.
type services struct{}

func (services) OpenStatuses() []string { return []string{"por_aprobar", "recibida", "en_reparacion"} }
func (services) StatusName(_ string, tk *storage.Ticket) string {
	return "«" + tk.Status + "»"
}
func (services) AwaitingApproval(tk *storage.Ticket) bool { return tk.Status == "por_aprobar" }

func newEnv(t *testing.T) staff.Env {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	names := map[string]string{"ana": "Ana López", "beto": "Beto Ruiz", "finanzas": "Dirección de Finanzas"}
	name := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	return staff.Env{Store: st, Services: services{}, Institution: "UPE", Location: convtest.Location(),
		Calendar: calendar.New(convtest.Location()), Name: name, AreaName: name}
}

func person(id string) storage.Person {
	for _, p := range convtest.People {
		if p.ID == id {
			return p
		}
	}
	return storage.Person{ID: id}
}

func TestProgramImportAndList(t *testing.T) {
	ctx := context.Background()
	env := newEnv(t)
	file := chat.IncomingFile{Name: "programa.csv", MIME: "text/csv",
		Data: []byte("area,equipo,fecha,tecnico\nfinanzas,Impresora,03/12/2026,beto\nfinanzas,Proyector,10/12/2026,beto\n")}

	refused, err := staff.Program(ctx, env, staff.Request{Who: person("beto"), Now: now, Lang: "es", Files: []chat.IncomingFile{file}})
	if err != nil || refused.Refused != "programa" || !strings.Contains(refused.Text, "reservado a la Coordinación") {
		t.Fatalf("a técnico sends the program: %+v, %v; want it refused", refused, err)
	}
	if items, _ := env.Store.PlanItems(ctx, time.Time{}, time.Time{}); len(items) != 0 {
		t.Fatalf("a refused import stored %d items", len(items))
	}

	got, err := staff.Program(ctx, env, staff.Request{Who: person("ana"), Now: now, Lang: "es", Files: []chat.IncomingFile{file}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Action != "programa_importado" || !strings.Contains(got.Detail, "2 equipos (2 nuevos y 0 actualizados)") || !strings.Contains(got.Text, "03/12/2026") {
		t.Errorf("import: %+v; want two new items recorded, from 03/12/2026", got)
	}
	list, err := staff.Program(ctx, env, staff.Request{Who: person("ana"), Now: now, Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(list.Text, "03/12/2026 · Impresora · Dirección de Finanzas · Beto Ruiz") || list.Action != "" {
		t.Errorf("program listed as %q; want the printer's line and nothing recorded", list.Text)
	}

	bad := chat.IncomingFile{Name: "programa.csv", Data: []byte("area,equipo,fecha,tecnico\nfinanzas,Impresora,03/12/2026,rosa\n")}
	rejected, err := staff.ImportFile(ctx, env, staff.Request{Who: person("ana"), Now: now, Lang: "es"}, bad)
	if err != nil || rejected.Action != "" || !strings.Contains(rejected.Text, "Línea 2:") {
		t.Errorf("a file with a wrong row: %+v, %v; want its line told and nothing recorded", rejected, err)
	}
}

func TestKPIAndQueueForStaffOnly(t *testing.T) {
	ctx := context.Background()
	env := newEnv(t)
	tickets := []storage.Ticket{
		{Service: "correo", Requester: "rosa", Area: "finanzas", Status: "por_aprobar", Created: now.Add(-48 * time.Hour)},
		{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "recibida", Created: now.Add(-time.Hour)},
		{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Status: "en_reparacion", Assignee: "beto", Created: now.Add(-time.Hour),
			Dates: []storage.CommittedDate{{Date: now.AddDate(0, 0, -1)}}},
	}
	for _, tk := range tickets {
		tk.Updated = tk.Created
		if _, err := env.Store.(storage.Committer).Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk}}}); err != nil {
			t.Fatal(err)
		}
	}
	for _, run := range []struct {
		name string
		cmd  func(context.Context, staff.Env, staff.Request) (staff.Answer, error)
	}{{"kpi", staff.KPI}, {"cola", staff.Queue}} {
		a, err := run.cmd(ctx, env, staff.Request{Who: person("rosa"), Now: now, Lang: "es"})
		if err != nil || a.Refused != run.name {
			t.Errorf("rosa asks for %s: %+v, %v; want it refused", run.name, a, err)
		}
	}
	kpi, err := staff.KPI(ctx, env, staff.Request{Who: person("beto"), Now: now, Lang: "es"})
	if err != nil || !strings.Contains(kpi.Text, "Cumplimiento") {
		t.Errorf("beto asks for the indicator: %+v, %v", kpi, err)
	}
	q, err := staff.Queue(ctx, env, staff.Request{Who: person("beto"), Now: now, Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Sin asignar (1):\n• CT-2026-0002", "Asignadas a ti (1):\n• CT-2026-0003", "Vencidas (1):\n• CT-2026-0003",
		"En espera de visto bueno (1):\n• CT-2026-0001 · Cuenta de correo electrónico · Dirección de Finanzas — «por_aprobar» (hace 2 días)"} {
		if !strings.Contains(q.Text, want) {
			t.Errorf("beto's queue lacks %q:\n%s", want, q.Text)
		}
	}
	if len(q.Buttons) != 1 || len(q.Buttons[0]) != 3 || q.Buttons[0][0].Code != "v:CT-2026-0002" {
		t.Errorf("queue buttons: %+v; want one row of the three folios", q.Buttons)
	}
}

// TestProgramDatesWithoutWork: a program with a date on a Saturday is not
// stored until the coordinator chooses, with a button, to move it to the
// next business day; the técnico may not choose.
func TestProgramDatesWithoutWork(t *testing.T) {
	ctx := context.Background()
	env := newEnv(t)
	file := chat.IncomingFile{Name: "programa.csv", MIME: "text/csv",
		Data: []byte("area,equipo,fecha,tecnico\nfinanzas,Impresora,03/12/2026,beto\nfinanzas,Proyector,05/12/2026,beto\n")}
	asked, err := staff.Program(ctx, env, staff.Request{Who: person("ana"), Now: now, Lang: "es", Files: []chat.IncomingFile{file}})
	if err != nil {
		t.Fatal(err)
	}
	want := "Línea 3: el 05/12/2026 cae en sábado; el siguiente día hábil es el lunes 07/12/2026."
	if !strings.Contains(asked.Text, want) || asked.Action != "" || len(asked.Buttons) != 1 || len(asked.Buttons[0]) != 2 {
		t.Fatalf("a Saturday in the program: %+v; want %q, nothing recorded, and the two choices", asked, want)
	}
	if items, _ := env.Store.PlanItems(ctx, time.Time{}, time.Time{}); len(items) != 0 {
		t.Fatalf("stored %d items before the coordinator chose", len(items))
	}
	move := asked.Buttons[0][0].Code
	kind, args, ok := chat.ParseCode(move)
	arg := strings.Join(args, ":")
	if !ok || kind != chat.KindProgramDates || !strings.HasSuffix(move, ":mover") || len(move) > chat.MaxCode {
		t.Fatalf("move button code %q", move)
	}
	refused, err := staff.ImportKept(ctx, env, staff.Request{Who: person("beto"), Now: now, Lang: "es", Arg: arg, Pressed: true})
	if err != nil || refused.Refused != "programa" {
		t.Fatalf("the técnico presses «Mover»: %+v, %v; want it refused", refused, err)
	}
	done, err := staff.ImportKept(ctx, env, staff.Request{Who: person("ana"), Now: now, Lang: "es", Arg: arg, Pressed: true})
	if err != nil || done.Action != "programa_importado" || !done.Edit {
		t.Fatalf("the coordinator moves the dates: %+v, %v", done, err)
	}
	items, err := env.Store.PlanItems(ctx, time.Time{}, time.Time{})
	if err != nil || len(items) != 2 || items[1].Planned.Format("02/01/2006") != "07/12/2026" {
		t.Fatalf("stored %+v, %v; want the projector on Monday 07/12/2026", items, err)
	}
}
