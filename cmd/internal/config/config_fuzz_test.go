package config

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// FuzzConfig: any file is either a configuration with its time zone, or
// a list of problems, each on a line the file has; and a configuration
// written back to YAML is read again as the same directory.
func FuzzConfig(f *testing.F) {
	f.Add(exampleConfig)
	f.Add([]byte("institution: X\nareas:\n  - {id: a, name: A, supervisor: p}\npeople:\n  - {id: p, name: Pe Pa, role: coordinador, area: a, telegram: 1}\n"))
	f.Add([]byte("institution: X\ntimezone: Marte/Olimpo\nmail_domain: upe\npeople: 3\n"))
	f.Add([]byte("people:\n  - {id: p, id: q}\n\t- x"))
	f.Add([]byte("# solo comentarios\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := parse("ctdesk.yaml", data)
		if err != nil {
			checkProblems(t, data, err)
			return
		}
		if c.location == nil || c.Language == "" || len(c.People) == 0 {
			t.Fatalf("accepted a configuration without zone, language or people: %+v", c)
		}
		_ = c.Calendar()
		out, err := yaml.Marshal(c)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		again, err := parse("again.yaml", out)
		if err != nil {
			t.Fatalf("a valid configuration written back is refused: %v\n%s", err, out)
		}
		if len(again.People) != len(c.People) || len(again.Areas) != len(c.Areas) || again.location.String() != c.location.String() {
			t.Fatalf("written back, the configuration changed:\n%s", out)
		}
		for i := range c.People {
			if again.People[i].Person().ID != c.People[i].Person().ID || again.People[i].role() != c.People[i].role() {
				t.Fatalf("person %d changed: %+v, then %+v", i, c.People[i], again.People[i])
			}
		}
	})
}

// checkProblems checks a refusal: every problem named on its own line,
// with a line number the file has.
func checkProblems(t *testing.T, data []byte, err error) {
	var ce *Error
	if !errors.As(err, &ce) || len(ce.problems) == 0 {
		t.Fatalf("refused without problems: %v", err)
	}
	// YAML breaks lines at \n, \r\n and a lone \r.
	lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) +
		bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r")) + 1
	for _, p := range ce.problems {
		if p.line < 0 || p.line > lines || strings.TrimSpace(p.msg) == "" {
			t.Fatalf("problem at line %d of %d: %q", p.line, lines, p.msg)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != len(ce.problems) {
		t.Fatalf("%d problems written on %d lines:\n%v", len(ce.problems), n, err)
	}
}
