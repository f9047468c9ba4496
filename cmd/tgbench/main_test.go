package main

import (
	"strings"
	"testing"
)

// TestRunTiny runs every mode in a tiny configuration, so the tool keeps
// working as the code under it changes: the whole process on Redis and on
// SQLite, a short soak, the intake alone and a broadcast.
func TestRunTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("builds ctdesk and plays forms against it (about 30 s)")
	}
	bin, err := buildCtdesk(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"process on redis", []string{"-mode", "process", "-store", "redis", "-users", "3", "-rounds", "1", "-queued", "50"},
			[]string{"updates                        27 in", "Redis commands per update", "client round trips per update",
				"Redis bytes per open dialog", "d ", "429s 0", "targets, store redis, 3 users"}},
		{"process on sqlite", []string{"-mode", "process", "-store", "sqlite", "-users", "3", "-rounds", "2"},
			[]string{"updates                        54 in", "ctdesk CPU per update", "<= 200µs", "targets, store sqlite"}},
		{"soak", []string{"-mode", "soak", "-users", "3", "-duration", "3s", "-sample", "1s", "-think", "10ms"},
			[]string{"soak verdicts", "ctdesk heap (median)", "ctdesk goroutines (median)", "Redis, dedup keys"}},
		{"intake", []string{"-mode", "intake", "-store", "sqlite", "-users", "3", "-intake-rounds", "2"},
			[]string{"[intake only]", "updates handled              54 "}},
		{"broadcast", []string{"-mode", "broadcast", "-store", "sqlite", "-chats", "20"},
			[]string{"delivered=20", "throttled(429)=0", "target: 20 reminders"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			if err := run(t.Context(), append(tc.args, "-spread", "0", "-ctdesk", bin), &out); err != nil {
				t.Fatalf("run: %v\n%s", err, out.String())
			}
			for _, want := range tc.want {
				if !strings.Contains(out.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	for _, args := range [][]string{{"-mode", "nope"}, {"-store", "mysql"}, {"-users", "0"}, {"-queued", "-1"}} {
		if _, err := parse(args); err == nil {
			t.Errorf("parse(%q) = nil error, want one", args)
		}
	}
}
