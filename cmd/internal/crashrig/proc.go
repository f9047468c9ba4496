//go:build linux

package crashrig

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// Build builds the ctdesk command in pkg (a directory, "." from
// cmd/ctdesk) into dir and returns the binary's path.
func Build(t T, pkg, dir string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("building ctdesk needs the go command: %v", err)
	}
	bin := filepath.Join(dir, "ctdesk")
	out, err := exec.Command(gobin, "build", "-o", bin, pkg).CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// Proc is the ctdesk service as a real process, started again after each
// kill on the same environment (store, config, fake Bot API).
type Proc struct {
	t   T
	bin string
	env []string
	srv *telegramtest.Server

	mu         sync.Mutex
	cmd        *exec.Cmd
	exited     chan struct{}
	expectExit bool
	starts     int
	logs       bytes.Buffer // stderr of every incarnation, each after a marker line
	unexpected []string     // exits nobody asked for
}

// NewProc prepares ctdesk with vars as its whole environment, so nothing
// of the caller's environment (a REDIS_URL, say) leaks into it.
func NewProc(t T, bin string, srv *telegramtest.Server, vars map[string]string) *Proc {
	p := &Proc{t: t, bin: bin, srv: srv}
	for k, v := range vars {
		p.env = append(p.env, k+"="+v)
	}
	t.Cleanup(func() {
		p.mu.Lock()
		cmd, exited := p.cmd, p.exited
		p.expectExit = true
		p.mu.Unlock()
		if cmd != nil {
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("ctdesk logs:\n%s", p.Digest(40))
		}
	})
	return p
}

// Start runs a new incarnation and waits until it polls the fake Bot API.
func (p *Proc) Start() {
	p.t.Helper()
	since := time.Now()
	p.mu.Lock()
	p.starts++
	fmt.Fprintf(&p.logs, "=== start #%d at %s\n", p.starts, since.Format("15:04:05.000"))
	cmd := exec.Command(p.bin, "serve")
	cmd.Env = p.env
	cmd.Stdout = &lockedWriter{p: p}
	cmd.Stderr = &lockedWriter{p: p}
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		p.mu.Unlock()
		p.t.Fatalf("start ctdesk: %v", err)
	}
	exited := make(chan struct{})
	p.cmd, p.exited, p.expectExit = cmd, exited, false
	n := p.starts
	p.mu.Unlock()
	go func() {
		err := cmd.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.expectExit || p.cmd != cmd {
			p.unexpected = append(p.unexpected, fmt.Sprintf("incarnation #%d exited by itself: %v", n, err))
		}
		close(exited)
	}()
	p.waitPolling(since, exited)
}

// waitPolling waits for the deleteWebhook call that precedes the polling
// loop, made after since by the incarnation whose exit closes exited.
func (p *Proc) waitPolling(since time.Time, exited chan struct{}) {
	p.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range p.srv.Calls("deleteWebhook") {
			if c.Time.After(since) {
				return
			}
		}
		select {
		case <-exited:
			p.t.Fatalf("ctdesk exited while starting:\n%s", p.Digest(30))
		case <-time.After(10 * time.Millisecond):
		}
	}
	p.t.Fatalf("ctdesk did not start polling within 15s:\n%s", p.Digest(30))
}

// Kill sends SIGKILL and waits for the process to be gone; it returns when
// the signal was sent.
func (p *Proc) Kill() time.Time {
	p.t.Helper()
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.expectExit = true
	p.mu.Unlock()
	at := time.Now()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatalf("kill -9: %v", err)
	}
	<-exited
	p.mu.Lock()
	fmt.Fprintf(&p.logs, "=== killed at %s\n", at.Format("15:04:05.000"))
	p.mu.Unlock()
	return at
}

// Stop asks for a graceful shutdown (SIGTERM) and checks that ctdesk
// exits cleanly within 20 s.
func (p *Proc) Stop() {
	p.t.Helper()
	p.mu.Lock()
	cmd, exited := p.cmd, p.exited
	p.expectExit = true
	p.mu.Unlock()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		p.t.Fatalf("SIGTERM: %v", err)
	}
	select {
	case <-exited:
	case <-time.After(20 * time.Second):
		p.t.Fatalf("ctdesk did not stop within 20s of SIGTERM")
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		p.t.Errorf("ctdesk exited with status %d after SIGTERM", code)
	}
	p.mu.Lock()
	p.cmd = nil
	p.mu.Unlock()
}

// Alive reports whether the current incarnation still runs.
func (p *Proc) Alive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cmd == nil {
		return false
	}
	select {
	case <-p.exited:
		return false
	default:
		return true
	}
}

// UnexpectedExits lists the exits of ctdesk that the caller did not cause.
func (p *Proc) UnexpectedExits() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.unexpected...)
}

// Digest is the log's last lines, after the start, kill, warning and
// error lines that came before them.
func (p *Proc) Digest(last int) string {
	p.mu.Lock()
	text := p.logs.String()
	p.mu.Unlock()
	var all []string
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		all = append(all, sc.Text())
	}
	cut := max(len(all)-last, 0)
	var out []string
	for _, line := range all[:cut] {
		if strings.HasPrefix(line, "===") || strings.Contains(line, "level=WARN") || strings.Contains(line, "level=ERROR") {
			out = append(out, line)
		}
	}
	if cut > 0 {
		out = append(out, "…")
	}
	return strings.Join(append(out, all[cut:]...), "\n")
}

// lockedWriter appends a process's output to the shared log.
type lockedWriter struct{ p *Proc }

func (w *lockedWriter) Write(b []byte) (int, error) {
	w.p.mu.Lock()
	defer w.p.mu.Unlock()
	return w.p.logs.Write(b)
}
