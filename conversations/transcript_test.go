package conversations_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata")

// testPassword replaces the random temporary password in transcripts.
const testPassword = "Tq7#mPz4Xa9kWe"

// start is the fixed clock of every transcript: a Thursday morning.
var start = time.Date(2026, 11, 26, 10, 0, 0, 0, convtest.Location())

// newEngine builds an engine over a seeded store with a fixed clock.
func newEngine(tb testing.TB, st storage.Store, clock *convtest.Clock) *conversations.Engine {
	tb.Helper()
	convtest.Seed(tb, st)
	e, err := conversations.New(conversations.Config{
		Institution: "Universidad Politécnica de Ejemplo",
		MailDomain:  "upe.edu.mx",
		Location:    convtest.Location(),
		Now:         clock.Now,
		Password:    func() string { return testPassword },
	}, st, conversations.DefaultServices()...)
	if err != nil {
		tb.Fatalf("new engine: %v", err)
	}
	return e
}

// sent is a message as a person saw it, with the reference a press names.
type sent struct {
	ref string
	to  string
	msg conversations.Message
}

// replayer feeds the inputs of a transcript to the engine and writes down
// what everyone received.
type replayer struct {
	tb    testing.TB
	eng   *conversations.Engine
	clock *convtest.Clock
	seq   int
	msgs  []sent
	out   strings.Builder
}

// input handles one "> who: text" line.
func (r *replayer) input(ctx context.Context, who, text string) {
	r.tb.Helper()
	r.seq++
	r.clock.Advance(time.Minute)
	ev := conversations.Event{ID: fmt.Sprintf("ev-%d", r.seq), Platform: "console", Account: who, Text: text, At: r.clock.Now()}
	switch {
	case strings.HasPrefix(text, "[") && strings.Contains(text, "]"):
		label, owner, _ := strings.Cut(strings.TrimPrefix(text, "["), "]")
		owner = strings.TrimPrefix(owner, "@")
		if owner == "" {
			owner = who
		}
		ref, code, ok := r.button(owner, label)
		if !ok {
			r.tb.Fatalf("line %q: %s has no button %q", text, owner, label)
		}
		ev.Text, ev.Button, ev.Pressed = "", code, ref
	case strings.HasPrefix(text, "(archivo ") && strings.HasSuffix(text, ")"):
		name := strings.TrimSuffix(strings.TrimPrefix(text, "(archivo "), ")")
		ev.Text = ""
		ev.Files = []conversations.IncomingFile{{Name: name, MIME: "image/jpeg", Data: []byte("\xff\xd8\xff jpeg " + name), Photo: strings.HasSuffix(name, ".jpg")}}
	}
	res, err := r.eng.Handle(ctx, ev)
	if err != nil {
		r.tb.Fatalf("handle %q by %s: %v", text, who, err)
	}
	fmt.Fprintf(&r.out, "> %s: %s\n", who, text)
	if res.Notice != "" {
		fmt.Fprintf(&r.out, "< %s (aviso): %s\n", who, res.Notice)
	}
	for _, m := range res.Messages {
		r.record(m)
	}
}

// record writes a message down and remembers its buttons.
func (r *replayer) record(m conversations.Message) {
	if m.TakeBack != "" {
		// Not a chat message of its own: it takes back others, and numbers none.
		fmt.Fprintf(&r.out, "< %s (borra la contraseña de %s): %s\n", m.To, m.TakeBack, m.Text)
		return
	}
	ref := fmt.Sprintf("m%d", len(r.msgs)+1)
	head := "< " + m.To
	switch {
	case m.Edit != "":
		head += " (edita " + m.Edit + ")"
	case m.Secret:
		head += " (confidencial)"
	}
	r.msgs = append(r.msgs, sent{ref: ref, to: m.To, msg: m})
	fmt.Fprintf(&r.out, "%s: %s\n", head, strings.ReplaceAll(m.Text, "\n", "\n  | "))
	for _, f := range m.Files {
		fmt.Fprintf(&r.out, "  (archivo %s)\n", f.Name)
	}
	for _, row := range m.Buttons {
		var labels []string
		for _, b := range row {
			if len(b.Code) > 64 {
				r.tb.Errorf("button %q has a %d-byte code", b.Label, len(b.Code))
			}
			labels = append(labels, "["+b.Label+"]")
		}
		fmt.Fprintf(&r.out, "  %s\n", strings.Join(labels, " "))
	}
}

// button finds the most recent button with the label sent to owner.
func (r *replayer) button(owner, label string) (ref, code string, ok bool) {
	for i := len(r.msgs) - 1; i >= 0; i-- {
		s := r.msgs[i]
		if (s.to != owner && s.to != "console:"+owner) || s.msg.Edit != "" {
			continue
		}
		for _, row := range s.msg.Buttons {
			for _, b := range row {
				if b.Label == label {
					return s.ref, b.Code, true
				}
			}
		}
	}
	return "", "", false
}

// inputs reads the "> who: text" lines of a transcript.
func inputs(tb testing.TB, path string) [][2]string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var in [][2]string
	for _, line := range strings.Split(string(data), "\n") {
		rest, ok := strings.CutPrefix(line, "> ")
		if !ok {
			continue
		}
		who, text, ok := strings.Cut(rest, ": ")
		if !ok {
			tb.Fatalf("%s: bad input line %q", path, line)
		}
		in = append(in, [2]string{who, text})
	}
	return in
}

// TestTranscripts replays every golden transcript on both stores.
func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts in testdata: %v", err)
	}
	for _, path := range files {
		for name, open := range convtest.Stores() {
			t.Run(filepath.Base(path)+"/"+name, func(t *testing.T) {
				st := open(t)
				got := header(t, path) + replay(t, st, inputs(t, path))
				// The password went to the técnico and the holder, sealed: in
				// clear it is in no record, row, file or key.
				convtest.NoSecret(t, st, testPassword)
				if *update && name == "sqlite" {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, _ := os.ReadFile(path)
				if got != string(want) {
					t.Errorf("transcript differs from %s (run with -update to accept):\n%s", path, diff(string(want), got))
				}
			})
		}
	}
}

// replay runs the inputs and returns the transcript.
func replay(t *testing.T, st storage.Store, in [][2]string) string {
	clock := convtest.NewClock(start)
	r := &replayer{tb: t, eng: newEngine(t, st, clock), clock: clock}
	for _, l := range in {
		r.input(context.Background(), l[0], l[1])
	}
	return r.out.String()
}

// header returns the comment lines that open a transcript.
func header(tb testing.TB, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	var b strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// diff shows the first lines where two transcripts differ.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d\nwant: %s\ngot:  %s", i+1, a, b)
		}
	}
	return "(equal)"
}
