package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/signin"
)

// TestWebActions checks what the web panel asks of the engine: the actions
// offered to each person, an action refused and written to the bitácora,
// one at a stale step, one with a bad answer asked again, one applied once
// however often the form is sent, and a comment.
func TestWebActions(t *testing.T) {
	st := convtest.SQLite(t)
	clock := convtest.NewClock(start)
	r := &refusals{t: t, e: newEngine(t, st, clock), st: st, clock: clock}
	r.correoAlta("rosa") // CT-2026-0001, waiting for luis's visto bueno
	ctx := context.Background()
	tk, err := st.Ticket(ctx, "CT-2026-0001")
	if err != nil {
		t.Fatal(err)
	}
	offered := func(who string) string {
		t.Helper()
		p, _, _ := r.e.Viewer(ctx, who)
		offers, err := r.e.Offers(ctx, p, &tk)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, o := range offers {
			out = append(out, o.Action)
			for _, in := range o.Inputs {
				out = append(out, " "+in.ID+":"+in.Kind)
			}
		}
		return strings.Join(out, "")
	}
	if got := offered("luis"); got != "aprobarrechazar texto:text" {
		t.Errorf("offered to luis: %q", got)
	}
	if got := offered("beto"); got != "" {
		t.Errorf("offered to beto: %q, want nothing", got)
	}

	act := func(id, who, action string, step int, answers map[string]string) conversations.ActResult {
		t.Helper()
		clock.Advance(time.Minute)
		res, err := r.e.Act(ctx, conversations.ActRequest{ID: id, Person: who, Folio: "CT-2026-0001", Action: action, Step: step, Answers: answers})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := act("a1", "beto", "aprobar", 1, nil); !strings.Contains(res.Problem, "No puedes") {
		t.Errorf("beto approving: %+v", res)
	}
	r.want("beto CT-2026-0001 aprobar")
	if res := act("a2", "luis", "rechazar", 1, map[string]string{"texto": "   "}); res.Problem == "" || res.Field != "texto" {
		t.Errorf("a refusal without its reason: %+v, want the question again", res)
	}
	if res := act("a3", "luis", "aprobar", 0, nil); !strings.Contains(res.Problem, "cambió") && !strings.Contains(res.Problem, "ya") {
		t.Errorf("a press at a stale step: %+v", res)
	}
	res := act("a4", "luis", "aprobar", 1, nil)
	if res.Problem != "" || !told(res, "rosa") || !told(res, "luis") {
		t.Fatalf("luis approving: %+v, want rosa and luis told in chat", res)
	}
	if again := act("a4", "luis", "aprobar", 1, nil); !again.Duplicate {
		t.Errorf("the same form sent again: %+v, want Duplicate", again)
	}
	if tk, _ := st.Ticket(ctx, "CT-2026-0001"); tk.Status != "recibida" || len(tk.History) != 2 {
		t.Errorf("after the approval: status %q, %d steps; want recibida, 2", tk.Status, len(tk.History))
	}

	c, err := r.e.Comment(ctx, conversations.CommentRequest{ID: "c1", Person: "rosa", Folio: "CT-2026-0001", Text: "Es urgente."})
	if err != nil || c.Problem != "" || !told(c, "ana") {
		t.Errorf("rosa's comment: %+v, %v; want the coordinator told (nobody works it yet)", c, err)
	}
	if c, _ := r.e.Comment(ctx, conversations.CommentRequest{ID: "c2", Person: "beto", Folio: "CT-2026-0009", Text: "x"}); c.Problem == "" {
		t.Error("a comment on a folio that does not exist was taken")
	}
	r.say("rosa", "/comentar CT-2026-0001 ¿Ya hay fecha?", "Tu comentario quedó en CT-2026-0001")
	r.say("rosa", "/comentar", "Escribe el folio y tu comentario")
}

// TestPanelCommand: /panel hands out a sealed one-time link for the person
// who asked; /panel salir closes their sessions.
func TestPanelCommand(t *testing.T) {
	st := convtest.SQLite(t)
	clock := convtest.NewClock(start)
	e, err := conversations.New(conversations.Config{Location: convtest.Location(), Now: clock.Now, PanelURL: "https://mesa.example/panel"},
		st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	convtest.Seed(t, st)
	ctx := context.Background()
	res, err := e.Handle(ctx, conversations.Event{ID: "1", Person: "ana", Text: "/panel"})
	if err != nil || len(res.Messages) != 1 || !res.Messages[0].Secret {
		t.Fatalf("/panel: %+v, %v; want one sealed message", res.Messages, err)
	}
	link := res.Messages[0].Text
	i := strings.Index(link, "https://mesa.example/panel/entrar?p=ana&t=")
	if i < 0 {
		t.Fatalf("/panel answered %q", link)
	}
	secret := strings.Fields(link[i+len("https://mesa.example/panel/entrar?p=ana&t="):])[0]
	if err := signin.Redeem(ctx, st, "ana", secret, clock.Now()); err != nil {
		t.Errorf("the link's secret: %v", err)
	}
	s, err := signin.Open(ctx, st, "ana", clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got := say(t, e, "2", "ana", "/panel salir"); !strings.Contains(got, "Cerré todas tus sesiones") {
		t.Errorf("/panel salir: %q", got)
	}
	if _, err := signin.Find(ctx, st, s.ID, clock.Now()); err == nil {
		t.Error("a session survived /panel salir")
	}
}

// told reports whether a result sent a chat message to a person.
func told(res conversations.ActResult, who string) bool {
	for _, m := range res.Messages {
		if m.To == who {
			return true
		}
	}
	return false
}
