package conversations_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
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
