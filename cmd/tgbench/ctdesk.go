package main

import (
	"bytes"
	"context"
	"ctdesk/cmd/internal/redisproc"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// buildCtdesk builds cmd/ctdesk into dir with the pprof tag (which adds a
// profiling listener that stays off unless CTDESK_PPROF_ADDR is set).
func buildCtdesk(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "ctdesk")
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "pprof", "-o", bin, "ctdesk/cmd/ctdesk")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build ctdesk/cmd/ctdesk: %w\n%s", err, stderr.String())
	}
	return bin, nil
}

// ctdeskProc is a running ctdesk process.
type ctdeskProc struct {
	cmd     *exec.Cmd
	http    string // base URL of /metrics and /readyz
	pprof   string // base URL of the profiling listener
	logPath string
	exited  chan struct{}
	client  *http.Client
}

// startCtdesk runs bin with only the given environment (nothing of this
// process's REDIS_URL or tokens leaks in) and waits until it is ready.
func startCtdesk(ctx context.Context, bin, dir string, env map[string]string) (*ctdeskProc, error) {
	httpPort, err := redisproc.FreePort()
	if err != nil {
		return nil, err
	}
	pprofPort, err := redisproc.FreePort()
	if err != nil {
		return nil, err
	}
	p := &ctdeskProc{
		http:    "http://127.0.0.1:" + strconv.Itoa(httpPort),
		pprof:   "http://127.0.0.1:" + strconv.Itoa(pprofPort),
		logPath: filepath.Join(dir, "ctdesk.log"),
		exited:  make(chan struct{}),
		client:  &http.Client{Timeout: 30 * time.Second},
	}
	vars := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "TMPDIR=" + os.TempDir(),
		"CTDESK_HTTP_ADDR=127.0.0.1:" + strconv.Itoa(httpPort), "CTDESK_PPROF_ADDR=127.0.0.1:" + strconv.Itoa(pprofPort)}
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	logf, err := os.Create(p.logPath)
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	p.cmd = exec.Command(bin, "serve")
	p.cmd.Env, p.cmd.Dir, p.cmd.Stdout, p.cmd.Stderr = vars, dir, io.Discard, logf
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start ctdesk: %w", err)
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.exited)
	}()
	if err := p.waitReady(ctx); err != nil {
		_ = p.stop()
		return nil, err
	}
	return p, nil
}

func (p *ctdeskProc) waitReady(ctx context.Context) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := p.client.Get(p.http + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.exited:
			return fmt.Errorf("ctdesk exited at start:\n%s", p.logTail())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("ctdesk not ready within 2 minutes:\n%s", p.logTail())
		}
	}
}

// pid is the process id, for its CPU.
func (p *ctdeskProc) pid() int { return p.cmd.Process.Pid }

// logTail is the end of the process's log, for error messages.
func (p *ctdeskProc) logTail() string {
	b, _ := os.ReadFile(p.logPath)
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return string(b)
}

// metrics scrapes /metrics.
func (p *ctdeskProc) metrics() (map[string]*dto.MetricFamily, error) {
	resp, err := p.client.Get(p.http + "/metrics")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	return parser.TextToMetricFamilies(resp.Body)
}

// metricSum adds up the values of a counter or gauge over its labels.
func metricSum(m map[string]*dto.MetricFamily, name string) float64 {
	f, ok := m[name]
	if !ok {
		return 0
	}
	var sum float64
	for _, x := range f.GetMetric() {
		switch {
		case x.Counter != nil:
			sum += x.Counter.GetValue()
		case x.Gauge != nil:
			sum += x.Gauge.GetValue()
		}
	}
	return sum
}

// errorEvents counts the events ctdesk has failed to handle so far.
func (p *ctdeskProc) errorEvents() (float64, error) {
	m, err := p.metrics()
	if err != nil {
		return 0, err
	}
	var n float64
	for _, x := range m["ctdesk_events_total"].GetMetric() {
		for _, l := range x.GetLabel() {
			if l.GetName() == "outcome" && l.GetValue() == "error" {
				n += x.GetCounter().GetValue()
			}
		}
	}
	return n, nil
}

// waitOutboxEmpty waits until ctdesk reports no more than left messages in
// its outbox (those queued for tomorrow).
func (p *ctdeskProc) waitOutboxEmpty(ctx context.Context, left int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		m, err := p.metrics()
		if err != nil {
			return err
		}
		if metricSum(m, "ctdesk_outbox_pending") <= float64(left) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("outbox not empty %v after the last reply", limit)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// startProfile starts a CPU profile in the process.
func (p *ctdeskProc) startProfile() error {
	resp, err := p.client.Post(p.pprof+"/cpuprofile/start", "", nil)
	if err != nil {
		return fmt.Errorf("start CPU profile (is the binary built with -tags pprof?): %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("start CPU profile: %s %s", resp.Status, b)
	}
	return nil
}

// stopProfile stops the CPU profile and writes it to path.
func (p *ctdeskProc) stopProfile(path string) error {
	resp, err := p.client.Post(p.pprof+"/cpuprofile/stop", "", nil)
	if err != nil {
		return fmt.Errorf("stop CPU profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("stop CPU profile: %s", resp.Status)
	}
	if err := saveBody(resp.Body, path); err != nil {
		return err
	}
	return p.saveAllocs(path + ".allocs")
}

// saveAllocs writes the process' allocation profile (every allocation
// since it started, so mostly the run's) to path.
func (p *ctdeskProc) saveAllocs(path string) error {
	resp, err := p.client.Get(p.pprof + "/debug/pprof/allocs")
	if err != nil {
		return fmt.Errorf("allocation profile: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("allocation profile: %s", resp.Status)
	}
	return saveBody(resp.Body, path)
}

func saveBody(body io.Reader, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, body)
	return errors.Join(err, f.Close())
}

// stop ends the process with SIGTERM (a graceful stop), or kills it after
// 30 seconds.
func (p *ctdeskProc) stop() error {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
		return fmt.Errorf("ctdesk did not stop within 30 s of SIGTERM:\n%s", p.logTail())
	}
	if st := p.cmd.ProcessState; st != nil && !st.Success() {
		return fmt.Errorf("ctdesk stopped with %v:\n%s", st, p.logTail())
	}
	return nil
}

// writeConfig writes the ctdesk configuration of the benchmark: the
// directory of seedDirectory (staff, and users requesters of finanzas).
func writeConfig(dir string, users int) (string, error) {
	var b strings.Builder
	b.WriteString("institution: Universidad Politécnica de Ejemplo\ntimezone: America/Mexico_City\nlanguage: es\n" +
		"mail_domain: upe.edu.mx\napprovals: {correo.alta: true}\nareas:\n")
	for _, a := range benchAreas() {
		fmt.Fprintf(&b, "  - {id: %s, name: %q, supervisor: %s}\n", a.ID, a.Name, a.Supervisor)
	}
	b.WriteString("people:\n")
	for _, p := range benchPeople(users) {
		fmt.Fprintf(&b, "  - {id: %s, name: %q, role: %s, area: %s, telegram: %s, platform: telegram}\n",
			p.ID, p.Name, p.Role, p.Area, p.Accounts["telegram"])
	}
	path := filepath.Join(dir, "ctdesk.yaml")
	return path, os.WriteFile(path, []byte(b.String()), 0o600)
}
