package conversations_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// recordsRig is an engine over a seeded store, for the records' tests.
type recordsRig struct {
	t     *testing.T
	st    storage.Store
	eng   *conversations.Engine
	clock *convtest.Clock
	n     int
}

func newRecordsRig(t *testing.T, now time.Time, cal *calendar.Calendar) *recordsRig {
	st := convtest.SQLite(t)
	convtest.Seed(t, st)
	clock := convtest.NewClock(now)
	eng, err := conversations.New(conversations.Config{Institution: "Universidad Politécnica de Ejemplo",
		Location: convtest.Location(), Now: clock.Now, Calendar: cal}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	return &recordsRig{t: t, st: st, eng: eng, clock: clock}
}

// handle applies an event one minute after the last one.
func (r *recordsRig) handle(ev conversations.Event) conversations.Result {
	r.t.Helper()
	r.n++
	r.clock.Advance(time.Minute)
	ev.ID, ev.At = "ev-"+strings.Repeat("x", r.n), r.clock.Now()
	res, err := r.eng.Handle(context.Background(), ev)
	if err != nil {
		r.t.Fatalf("%+v: %v", ev, err)
	}
	return res
}

// to joins the texts a person got.
func to(res conversations.Result, who string) string {
	var out []string
	for _, m := range res.Messages {
		if m.To == who {
			out = append(out, m.Text)
		}
	}
	return strings.Join(out, "\n")
}

// ticket commits a ticket as it stands.
func (r *recordsRig) ticket(tk storage.Ticket) string {
	r.t.Helper()
	tk.Created, tk.Updated = r.clock.Now(), r.clock.Now()
	done, err := r.st.Commit(context.Background(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: tk}}})
	if err != nil {
		r.t.Fatal(err)
	}
	return done.Folio
}

// log lists a folio's bitácora as "who:action:detail".
func (r *recordsRig) log(folio string) []string {
	r.t.Helper()
	entries, err := r.st.Log(context.Background(), storage.LogFilter{Folio: folio})
	if err != nil {
		r.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Who+":"+e.Action+":"+e.Detail)
	}
	return out
}

// TestReportDueDateAndNote pins the due date of the report DP-RG.02 end to
// end, through the chat, where holidays and closed days decide it: the
// fourth quarter of 2026 ends on Thursday 31 December; 1 January is a
// holiday and the winter vacation runs to 6 January, so the fifth business
// day is Wednesday 13 January. The coordinator's note goes in the report;
// a técnico may not write it.
func TestReportDueDateAndNote(t *testing.T) {
	loc := convtest.Location()
	cal := calendar.New(loc, calendar.Closed{Name: "Vacaciones de invierno", From: calendar.Day(2026, 12, 21), To: calendar.Day(2027, 1, 6)})
	r := newRecordsRig(t, time.Date(2027, 1, 8, 10, 0, 0, 0, loc), cal)

	refused := r.handle(conversations.Event{Person: "beto", Text: "/informe nota 4T-2026 Todo bien."})
	if !strings.Contains(to(refused, "beto"), "reservado a la Coordinación") {
		t.Errorf("a técnico writes the note: %q", to(refused, "beto"))
	}
	none := r.handle(conversations.Event{Person: "ana", Text: "/informe nota"})
	if !strings.Contains(to(none, "ana"), "El informe del cuarto trimestre de 2026 aún no tiene observaciones") {
		t.Errorf("no note yet: %q", to(none, "ana"))
	}
	note := "Se renovó la red inalámbrica del edificio A; la demanda de cuentas de correo creció con el nuevo ingreso."
	saved := r.handle(conversations.Event{Person: "ana", Text: "/informe nota " + note})
	if !strings.Contains(to(saved, "ana"), "Guardé las observaciones de la coordinación para el informe del cuarto trimestre de 2026") {
		t.Errorf("note kept: %q", to(saved, "ana"))
	}
	if shown := to(r.handle(conversations.Event{Person: "ana", Text: "/informe nota 4T-2026"}), "ana"); !strings.Contains(shown, note) {
		t.Errorf("the note shown: %q", shown)
	}

	res := r.handle(conversations.Event{Person: "ana", Text: "/informe 4T-2026"})
	var msg conversations.Message
	for _, m := range res.Messages {
		if m.To == "ana" {
			msg = m
		}
	}
	if !strings.Contains(msg.Text, "a más tardar el 13/01/2027") || strings.Contains(msg.Text, "/informe nota") || len(msg.Files) != 2 {
		t.Fatalf("the report answered %q with %d files; want due 13/01/2027, no hint, PDF and CSV", msg.Text, len(msg.Files))
	}
	pdf := fileText(t, r.st, msg.Files[0].ID)
	for _, want := range []string{"Trimestre: cuarto trimestre de 2026 (4T-2026)", "Fecha límite de entrega: 13/01/2027",
		"Observaciones de la coordinación", "Se renovó la red inalámbrica del edificio A", "Ana López", "Coordinación de Tecnologías"} {
		if !strings.Contains(pdf, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if csv := mustFile(t, r.st, msg.Files[1].ID); !strings.Contains(csv, "fecha límite de entrega,13/01/2027") || !strings.Contains(csv, "Se renovó la red") {
		t.Errorf("the CSV lacks the due date or the note:\n%s", csv)
	}
	entries, _ := r.st.Log(context.Background(), storage.LogFilter{})
	var notes int
	for _, e := range entries {
		if e.Action == "informe_nota" && e.Who == "ana" && strings.HasPrefix(e.Detail, "Informe Trimestral DP-RG.02 4T-2026: Se renovó") {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("bitácora has %d notes by ana, want 1: %+v", notes, entries)
	}
}

// TestRatingComment: after the stars, a short optional comment, kept with
// the rating and in the bitácora; «Omitir» or any other command leaves it.
func TestRatingComment(t *testing.T) {
	r := newRecordsRig(t, start, nil)
	closed := func() string {
		return r.ticket(storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas", Assignee: "beto", Status: storage.StatusClosed})
	}
	first, second, third := closed(), closed(), closed()

	asked := r.handle(conversations.Event{Person: "rosa", Button: "r:" + first + ":4", Pressed: "m1"})
	var skip string
	for _, m := range asked.Messages {
		if strings.Contains(m.Text, "escribe un comentario sobre el servicio de "+first) && len(m.Buttons) == 1 {
			skip = m.Buttons[0][0].Code
		}
	}
	if skip != "r:"+first+":skip" {
		t.Fatalf("no comment asked after the rating: %+v", asked.Messages)
	}
	thanks := r.handle(conversations.Event{Person: "rosa", Text: "Muy amable el técnico; quedó como nueva."})
	if !strings.Contains(to(thanks, "rosa"), "guardé tu comentario") {
		t.Errorf("comment answered %q", to(thanks, "rosa"))
	}
	tk, _ := r.st.Ticket(context.Background(), first)
	if tk.Rating == nil || tk.Rating.Score != 4 || tk.Rating.Comment != "Muy amable el técnico; quedó como nueva." {
		t.Errorf("rating kept as %+v", tk.Rating)
	}
	want := []string{"rosa:calificacion:4 de 5", "rosa:calificacion_comentario:Muy amable el técnico; quedó como nueva."}
	if got := r.log(first); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("bitácora %q, want %q", got, want)
	}

	r.handle(conversations.Event{Person: "rosa", Button: "r:" + second + ":5", Pressed: "m2"})
	if got := to(r.handle(conversations.Event{Person: "rosa", Text: "/mis_solicitudes"}), "rosa"); !strings.Contains(got, "Tus solicitudes") {
		t.Errorf("a command during the comment: %q", got)
	}
	if got := to(r.handle(conversations.Event{Person: "rosa", Text: "hola"}), "rosa"); !strings.Contains(got, "¿Qué servicio necesitas") {
		t.Errorf("after the command, a text is not a comment: %q", got)
	}
	if tk, _ := r.st.Ticket(context.Background(), second); tk.Rating == nil || tk.Rating.Comment != "" {
		t.Errorf("second rating %+v, want no comment", tk.Rating)
	}

	r.handle(conversations.Event{Person: "rosa", Button: "r:" + third + ":3", Pressed: "m3"})
	skipped := r.handle(conversations.Event{Person: "rosa", Button: "r:" + third + ":skip", Pressed: "m4"})
	if len(skipped.Messages) != 1 || skipped.Messages[0].Edit != "m4" || !strings.Contains(skipped.Messages[0].Text, "sin comentario") {
		t.Errorf("«Omitir» answered %+v", skipped.Messages)
	}
	if got := r.log(third); len(got) != 1 {
		t.Errorf("a skipped comment wrote %q", got)
	}
}

// TestSigningIsOneEntry: the requester's signature of responsibility is
// one bitácora entry, which says what was signed.
func TestSigningIsOneEntry(t *testing.T) {
	r := newRecordsRig(t, start, nil)
	folio := r.ticket(storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas", Assignee: "beto", Status: "por_firmar",
		Fields:  map[string]string{"accion": "alta", "cuenta": "rosa.diaz@upe.edu.mx"},
		History: []storage.Transition{{At: start, By: "rosa", To: "por_firmar", Action: "solicitar"}}})
	r.handle(conversations.Event{Person: "rosa", Button: "t:" + folio + ":firmar:1", Pressed: "m1"})
	got := r.log(folio)
	if len(got) != 1 || got[0] != "rosa:firmar:Firma: responsabilidad de la cuenta de correo" {
		t.Errorf("bitácora of the signature: %q", got)
	}
	tk, _ := r.st.Ticket(context.Background(), folio)
	if tk.Status != storage.StatusClosed || len(tk.Signatures) != 1 {
		t.Errorf("ticket after signing: %s, %+v", tk.Status, tk.Signatures)
	}
}

// TestRequestPDFOnlyToWhoMaySee: the «PDF» of a ticket goes to whoever may
// see it, and a press by anyone else is refused and recorded.
func TestRequestPDFOnlyToWhoMaySee(t *testing.T) {
	r := newRecordsRig(t, start, nil)
	folio := r.ticket(storage.Ticket{Service: "web", Requester: "rect", Area: "rectoria", Status: "recibida",
		Fields: map[string]string{"tipo": "articulo", "titulo": "Convocatoria de becas"}})
	res := r.handle(conversations.Event{Person: "rosa", Button: "d:" + folio, Pressed: "m1"})
	if len(res.Messages) != 0 || !strings.Contains(res.Notice, "No encontré la solicitud "+folio) {
		t.Errorf("rosa presses the PDF of another area's ticket: %+v", res)
	}
	if got := r.log(folio); len(got) != 1 || !strings.HasPrefix(got[0], "rosa:intento_no_autorizado:") {
		t.Errorf("the refused press is not in the bitácora: %q", got)
	}
	res = r.handle(conversations.Event{Person: "beto", Button: "d:" + folio, Pressed: "m2"})
	if len(res.Messages) != 1 || len(res.Messages[0].Files) != 1 {
		t.Fatalf("beto presses the PDF: %+v", res.Messages)
	}
	text := fileText(t, r.st, res.Messages[0].Files[0].ID)
	for _, want := range []string{"Solicitud de Servicios de Tecnologías CT-RG.03", "Folio " + folio, "Título Convocatoria de becas",
		"Tipo Un artículo o noticia", "Estado Recibida por CT", "La solicitud no requirió visto bueno."} {
		if !strings.Contains(text, want) {
			t.Errorf("the request PDF lacks %q:\n%s", want, text)
		}
	}
}

// mustFile returns a stored file's bytes as text.
func mustFile(t *testing.T, st storage.Store, id string) string {
	t.Helper()
	f, err := st.File(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return string(f.Data)
}

// fileText is the text of a stored PDF, whitespace collapsed.
func fileText(t *testing.T, st storage.Store, id string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, []byte(mustFile(t, st, id)), 0o600); err != nil {
		t.Fatal(err)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: install poppler-utils")
	}
	out, err := exec.Command(tool, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
