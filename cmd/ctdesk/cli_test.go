package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runOut runs ctdesk and returns stdout, stderr and the error.
func runOut(t *testing.T, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(t.Context(), args, env(vars), strings.NewReader(""), &out, &errs)
	return out.String(), errs.String(), err
}

// inEmptyDir runs the test from an empty directory, so a store created
// by mistake in ./ctdesk.db shows.
func inEmptyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// assertEmptyDir fails when anything was created in dir.
func assertEmptyDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("%s was created in the working directory", e.Name())
	}
}

// englishFlagText are the flag package's own words, which must never reach
// the operator.
var englishFlagText = regexp.MustCompile(`(?i)flag provided|needs an argument|invalid value|Usage of|defined|bad flag|parse error`)

func TestHelpListsEverySubcommandAndTouchesNoStore(t *testing.T) {
	dir := inEmptyDir(t)
	for _, args := range [][]string{{"--help"}, {"-h"}, {"ayuda"}, {"help"}} {
		out, errs, err := runOut(t, map[string]string{"TELEGRAM_TOKEN": "123:abc"}, args...)
		if err != nil {
			t.Fatalf("ctdesk %v: %v\n%s", args, err, errs)
		}
		for _, want := range []string{"Uso: ctdesk", "serve", "bitacora", "report", "program import", "config check",
			"backup", "restore", "healthcheck", "version", "ayuda"} {
			if !strings.Contains(out, want) {
				t.Errorf("ctdesk %v does not list %q:\n%s", args, want, out)
			}
		}
	}
	assertEmptyDir(t, dir)
}

func TestEachSubcommandHasSpanishHelp(t *testing.T) {
	dir := inEmptyDir(t)
	for _, args := range [][]string{
		{"serve", "--help"}, {"bitacora", "--help"}, {"report", "-h"}, {"program", "import", "--help"},
		{"config", "check", "--help"}, {"backup", "--help"}, {"restore", "--help"}, {"healthcheck", "--help"},
		{"version", "--help"}, {"config", "--help"}, {"program", "ayuda"}, {"solicitud", "--help"},
	} {
		out, errs, err := runOut(t, nil, args...)
		if err != nil {
			t.Errorf("ctdesk %v: %v\n%s", args, err, errs)
			continue
		}
		if !strings.HasPrefix(out, "Uso: ctdesk "+args[0]) {
			t.Errorf("ctdesk %v does not start with its usage:\n%s", args, out)
		}
		if englishFlagText.MatchString(out) || strings.Contains(out, "default") {
			t.Errorf("ctdesk %v shows English text:\n%s", args, out)
		}
	}
	out, _, _ := runOut(t, nil, "report", "--help")
	for _, want := range []string{"--quarter 3T-2026", "--out", "por omisión: pdf"} {
		if !strings.Contains(out, want) {
			t.Errorf("report --help lacks %q:\n%s", want, out)
		}
	}
	assertEmptyDir(t, dir)
}

func TestCommandLineMistakesInSpanish(t *testing.T) {
	dir := inEmptyDir(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"reprot"}, "¿Quisiste decir «report»?"},
		{[]string{"report", "--qarter", "2026T3"}, "la opción --qarter no existe. ¿Quisiste decir «--quarter»?"},
		{[]string{"report", "--quarter"}, "la opción --quarter necesita un valor"},
		{[]string{"report", "--quarter", "2026T7"}, "escribe el trimestre del 1 al 4 y el año"},
		{[]string{"healthcheck", "--timeout", "pronto"}, "--timeout pronto: valor no válido"},
		{[]string{"restore", "--force=quizas", "x"}, "escribe --force solo"},
		{[]string{"config", "chek"}, "¿Quisiste decir «check»?"},
		{[]string{"--verbose"}, "la opción --verbose no existe sin subcomando"},
	}
	for _, tt := range tests {
		_, errs, err := runOut(t, nil, tt.args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("ctdesk %v: err = %v, want a usage error", tt.args, err)
		}
		if !strings.Contains(errs, tt.want) {
			t.Errorf("ctdesk %v says\n%s\nwant it to contain %q", tt.args, errs, tt.want)
		}
		if englishFlagText.MatchString(errs) {
			t.Errorf("ctdesk %v lets English through:\n%s", tt.args, errs)
		}
	}
	assertEmptyDir(t, dir)
}

func TestVersion(t *testing.T) {
	dir := inEmptyDir(t)
	out, _, err := runOut(t, nil, "version")
	if err != nil || !strings.HasPrefix(out, "ctdesk ") || !strings.Contains(out, "Go: go1.") {
		t.Errorf("version = %q, %v", out, err)
	}
	assertEmptyDir(t, dir)
}

func TestLogSettings(t *testing.T) {
	dir := inEmptyDir(t)
	vars := map[string]string{"CTDESK_LOG_LEVEL": "verbose", "CTDESK_DATA": filepath.Join(dir, "x.db")}
	if _, _, err := runOut(t, vars, "serve"); err == nil || !strings.Contains(err.Error(), "CTDESK_LOG_LEVEL=verbose no es un nivel") {
		t.Errorf("unknown level: err = %v", err)
	}
	vars = map[string]string{"CTDESK_LOG_FORMAT": "xml", "CTDESK_DATA": filepath.Join(dir, "x.db")}
	if _, _, err := runOut(t, vars, "serve"); err == nil || !strings.Contains(err.Error(), "usa text o json") {
		t.Errorf("unknown format: err = %v", err)
	}
	assertEmptyDir(t, dir)
	vars = map[string]string{"CTDESK_LOG_FORMAT": "json", "CTDESK_DATA": filepath.Join(dir, "x.db")}
	_, errs, err := runOut(t, vars, "serve")
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(errs, "\n")
	if !strings.HasPrefix(first, `{"time":`) || !strings.Contains(first, `"msg":"ctdesk starting"`) {
		t.Errorf("CTDESK_LOG_FORMAT=json logs %q", first)
	}
}

func TestExampleDirectoryRefusedWithTokens(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "slack")
	if err := os.WriteFile(secret, []byte("xoxb-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := inEmptyDir(t)
	for _, vars := range []map[string]string{
		{"TELEGRAM_TOKEN": "123:abc"},
		{"SLACK_BOT_TOKEN_FILE": secret},
	} {
		_, _, err := runOut(t, vars)
		if err == nil {
			t.Fatalf("ctdesk %v served the example directory", vars)
		}
		for _, want := range []string{"falta CTDESK_CONFIG", "personas inventadas", "ctdesk config check", "CTDESK_DEMO=1"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("refusal lacks %q:\n%v", want, err)
			}
		}
	}
	assertEmptyDir(t, dir)
}
