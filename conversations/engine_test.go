package conversations_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
	"ctdesk/storage/sqlitestore"
)

// say sends a text as a person and returns what the bot answered them.
func say(t *testing.T, e *conversations.Engine, id, who, text string) string {
	t.Helper()
	res, err := e.Handle(context.Background(), conversations.Event{ID: id, Person: who, Text: text})
	if err != nil {
		t.Fatalf("%s says %q: %v", who, text, err)
	}
	var out []string
	for _, m := range res.Messages {
		if m.To == who {
			out = append(out, m.Text)
		}
	}
	return strings.Join(out, "\n")
}

// TestFormSurvivesRestart: a half-filled form is kept in the store file;
// after the process restarts the person continues at the same question.
func TestFormSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	ctx := context.Background()
	st, err := sqlitestore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	clock := convtest.NewClock(start)
	e := newEngine(t, st, clock)
	say(t, e, "1", "rosa", "/nueva")
	say(t, e, "2", "rosa", "correo")
	say(t, e, "3", "rosa", "1")
	if got := say(t, e, "4", "rosa", "Rosa Díaz"); !strings.Contains(got, "(3/6)") {
		t.Fatalf("before restart: %q", got)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st, err = sqlitestore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	e, err = conversations.New(conversations.Config{Location: convtest.Location(), Now: clock.Now}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	// The same update delivered again after the restart changes nothing.
	if res, err := e.Handle(ctx, conversations.Event{ID: "4", Person: "rosa", Text: "Rosa Díaz"}); err != nil || !res.Duplicate {
		t.Fatalf("redelivered update: duplicate=%v err=%v", res.Duplicate, err)
	}
	if got := say(t, e, "5", "rosa", "Analista"); !strings.Contains(got, "(4/6)") {
		t.Errorf("after restart the form did not continue at its step: %q", got)
	}
}

// TestIdleFormExpires: a form left longer than the idle time is discarded
// with a notice the next time the person writes.
func TestIdleFormExpires(t *testing.T) {
	st := convtest.SQLite(t)
	clock := convtest.NewClock(start)
	e := newEngine(t, st, clock)
	say(t, e, "1", "rosa", "/nueva")
	say(t, e, "2", "rosa", "correo")
	clock.Advance(23 * time.Hour)
	if got := say(t, e, "3", "rosa", "1"); strings.Contains(got, "descarté") {
		t.Fatalf("a form idle for 23 h was discarded: %q", got)
	}
	clock.Advance(25 * time.Hour)
	got := say(t, e, "4", "rosa", "Rosa Díaz")
	if !strings.Contains(got, "quedó sin terminar por más de 24 horas") {
		t.Errorf("no notice of the expired form: %q", got)
	}
	if !strings.Contains(got, "¿Qué servicio necesitas") {
		t.Errorf("after the notice the menu should follow: %q", got)
	}
}

// TestEnglishCommands: a person who reads English is told of English
// commands, and they work when typed; the Spanish ones still work too.
func TestEnglishCommands(t *testing.T) {
	st := convtest.SQLite(t)
	e := newEngine(t, st, convtest.NewClock(start))
	rosa, err := st.Person(context.Background(), "rosa")
	if err != nil {
		t.Fatal(err)
	}
	rosa.Language = "en"
	if err := e.PutPerson(context.Background(), rosa); err != nil {
		t.Fatal(err)
	}
	help := say(t, e, "1", "rosa", "/help")
	for _, want := range []string{"/new", "/my_requests", "/view", "/cancel", "/help"} {
		if !strings.Contains(help, want) {
			t.Errorf("English help lacks %s:\n%s", want, help)
		}
	}
	for _, spanish := range []string{"/nueva", "/mis_solicitudes", "/ver ", "/cancelar", "/ayuda"} {
		if strings.Contains(help, spanish) {
			t.Errorf("English help points to %s:\n%s", spanish, help)
		}
	}
	if got := say(t, e, "2", "rosa", "/new"); !strings.Contains(got, "Which service do you need") {
		t.Errorf("/new: %q", got)
	}
	if got := say(t, e, "3", "rosa", "/my_requests"); !strings.Contains(got, "You have no requests yet") {
		t.Errorf("/my_requests: %q", got)
	}
	if got := say(t, e, "4", "rosa", "/view CT-2026-0099"); !strings.Contains(got, "I found no request CT-2026-0099") {
		t.Errorf("/view: %q", got)
	}
	if got := say(t, e, "5", "rosa", "/nueva"); !strings.Contains(got, "Which service do you need") {
		t.Errorf("/nueva from an English reader: %q", got)
	}
	if got := say(t, e, "6", "rosa", "/cancel"); !strings.Contains(got, "You have nothing in progress") {
		t.Errorf("/cancel: %q", got)
	}
}

// TestConformityKeepsDeliveryTime: a maintenance the requester confirms
// later counts as delivered when CT reported the result, not when the
// requester answered, so their delay does not make CT late.
func TestConformityKeepsDeliveryTime(t *testing.T) {
	st := convtest.SQLite(t)
	replay(t, st, inputs(t, "testdata/mantenimiento_reabierta.txt"))
	tk, err := st.Ticket(context.Background(), "CT-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	var delivered, confirmed time.Time
	for _, h := range tk.History {
		switch h.Action {
		case "terminar":
			delivered = h.At
		case "confirmar_solucion":
			confirmed = h.At
		}
	}
	if tk.Status != storage.StatusClosed || !tk.Closed.Equal(delivered) || !confirmed.After(delivered) {
		t.Errorf("closed %v at %v; want it closed at the last result, %v (confirmed %v)", tk.Status, tk.Closed, delivered, confirmed)
	}
	if n := len(tk.Signatures); n != 1 || !strings.Contains(tk.Signatures[0].What, "conformidad") {
		t.Errorf("signatures %+v; want the requester's conformity", tk.Signatures)
	}
}
