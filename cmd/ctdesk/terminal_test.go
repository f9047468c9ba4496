//go:build linux

package main

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its terminal side.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	tty, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal side: %v", err)
	}
	t.Cleanup(func() { tty.Close() })
	return tty
}

// TestReportRefusesTerminal: a PDF is not written to a terminal; to a
// pipe or a file it is.
func TestReportRefusesTerminal(t *testing.T) {
	tty := openPTY(t)
	dir := inEmptyDir(t)
	vars := map[string]string{"CTDESK_DATA": dir + "/c.db"}
	err := run(t.Context(), []string{"report", "--quarter", "2026T3"}, env(vars), strings.NewReader(""), tty, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "no escribo un PDF en la terminal") || !strings.Contains(err.Error(), "--out") {
		t.Errorf("report to a terminal: %v", err)
	}
	var pipe strings.Builder
	if err := run(t.Context(), []string{"report", "--quarter", "2026T3"}, env(vars), strings.NewReader(""), &pipe, &strings.Builder{}); err != nil || !strings.HasPrefix(pipe.String(), "%PDF") {
		t.Errorf("report to a pipe: %v, %.10q", err, pipe.String())
	}
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	if err := run(t.Context(), []string{"report", "--quarter", "2026T3"}, env(vars), strings.NewReader(""), devnull, &strings.Builder{}); err != nil {
		t.Errorf("report to /dev/null (not a terminal): %v", err)
	}
}

// TestSolicitudRefusesTerminal: the request CT-RG.03 is not written to a
// terminal either, before any store is opened.
func TestSolicitudRefusesTerminal(t *testing.T) {
	tty := openPTY(t)
	dir := inEmptyDir(t)
	vars := map[string]string{"CTDESK_DATA": dir + "/c.db"}
	err := run(t.Context(), []string{"solicitud", "CT-2026-0001"}, env(vars), strings.NewReader(""), tty, &strings.Builder{})
	if err == nil || !strings.Contains(err.Error(), "no escribo un PDF en la terminal") || !strings.Contains(err.Error(), "--out") {
		t.Errorf("solicitud to a terminal: %v", err)
	}
	assertEmptyDir(t, dir)
}
