package main

import (
	"strings"
	"testing"
)

// TestRunTiny runs both modes in a tiny configuration on SQLite, so the
// tool keeps working as the code under it changes.
func TestRunTiny(t *testing.T) {
	if testing.Short() {
		t.Skip("plays a form under Telegram's per-chat pacing (about 10 s)")
	}
	var out strings.Builder
	err := run(t.Context(), []string{"-mode", "all", "-store", "sqlite", "-users", "3", "-direct-rounds", "2",
		"-spread", "0", "-chats", "20"}, &out)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	for _, want := range []string{"[1] over long polling", "[2] intake only", "updates handled              27 ",
		"updates handled              54 ", "429s 0", "targets (DESIGN §7)", "delivered=20", "throttled(429)=0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, args := range [][]string{{"-mode", "nope"}, {"-store", "mysql"}, {"-users", "0"}} {
		if _, err := parse(args); err == nil {
			t.Errorf("parse(%q) = nil error, want one", args)
		}
	}
}
