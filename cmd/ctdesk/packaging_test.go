package main

import (
	"bytes"
	"debug/elf"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// repoRoot is the repository, two levels above cmd/ctdesk.
const repoRoot = "../.."

var (
	dockerBinOnce sync.Once
	dockerBin     string
	dockerBinErr  error
)

// buildLikeDockerfile builds ctdesk with the Dockerfile's own «go build»
// line (its environment and flags), once per test run.
func buildLikeDockerfile(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds ctdesk from scratch with the Dockerfile's flags")
	}
	dockerBinOnce.Do(func() {
		df, err := os.ReadFile(filepath.Join(repoRoot, "Dockerfile"))
		if err != nil {
			dockerBinErr = err
			return
		}
		m := regexp.MustCompile(`(?m)^RUN (.*go build .*)$`).FindSubmatch(df)
		if m == nil {
			dockerBinErr = errors.New("the Dockerfile has no «RUN … go build» line")
			return
		}
		dir, err := os.MkdirTemp("", "ctdesk-imagen-")
		if err != nil {
			dockerBinErr = err
			return
		}
		dockerBin = filepath.Join(dir, "ctdesk")
		line := strings.ReplaceAll(string(m[1]), "/out/ctdesk", dockerBin)
		cmd := exec.Command("sh", "-c", line)
		cmd.Dir = repoRoot
		cmd.Env = append(os.Environ(), "VERSION=v9.9.9-prueba")
		if out, err := cmd.CombinedOutput(); err != nil {
			dockerBinErr = errors.New(line + ": " + err.Error() + "\n" + string(out))
		}
	})
	if dockerBinErr != nil {
		t.Fatal(dockerBinErr)
	}
	return dockerBin
}

// TestDockerfileBinary: the binary the Dockerfile builds is static and, from
// an empty directory with no environment at all, tells its version and
// runs the health check without creating anything.
func TestDockerfileBinary(t *testing.T) {
	bin := buildLikeDockerfile(t)
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Errorf("the binary asks for a dynamic loader: it is not static")
		}
	}
	f.Close()

	dir := t.TempDir()
	ctdesk := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Dir, cmd.Env = dir, []string{}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := ctdesk("version")
	if err != nil {
		t.Fatalf("ctdesk version: %v\n%s", err, out)
	}
	for _, want := range []string{"ctdesk v9.9.9-prueba", "CGO_ENABLED=0", "-trimpath=true"} {
		if !strings.Contains(out, want) {
			t.Errorf("ctdesk version lacks %q:\n%s", want, out)
		}
	}
	if c, err := net.Dial("tcp", "127.0.0.1:8080"); err == nil {
		c.Close()
		t.Log("something listens on 127.0.0.1:8080 here: the health check's answer is not checked")
	} else {
		out, err = ctdesk("healthcheck")
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(out, "el servicio no responde en http://127.0.0.1:8080/readyz") {
			t.Errorf("ctdesk healthcheck with nothing running: %v\n%s", err, out)
		}
	}
	assertEmptyDir(t, dir)
}

// TestSystemdUnit: systemd-analyze verify accepts the unit, with its
// ExecStart pointed at a built binary, and the unit is hardened.
func TestSystemdUnit(t *testing.T) {
	unit, err := os.ReadFile(filepath.Join(repoRoot, "deploy/systemd/ctdesk.service"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=ctdesk",
		"EnvironmentFile=/etc/ctdesk/ctdesk.env", "Restart=on-failure", "ExecStart=/usr/local/bin/ctdesk serve"} {
		if !bytes.Contains(unit, []byte("\n"+want+"\n")) {
			t.Errorf("the unit lacks %s", want)
		}
	}
	if _, err := exec.LookPath("systemd-analyze"); err != nil {
		t.Skip("systemd-analyze is not installed (Debian: apt-get install systemd); the unit is not verified")
	}
	bin := buildLikeDockerfile(t)
	path := filepath.Join(t.TempDir(), "ctdesk.service")
	writeFile(t, path, strings.ReplaceAll(string(unit), "/usr/local/bin/ctdesk", bin))
	out, err := exec.Command("systemd-analyze", "verify", "--man=no", path).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// TestComposeFile: Redis keeps everything (AOF every second, no eviction,
// a volume) and the secrets reach ctdesk as files.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Services map[string]struct {
			Command     []string          `yaml:"command"`
			Environment map[string]string `yaml:"environment"`
			Volumes     []string          `yaml:"volumes"`
			Secrets     []string          `yaml:"secrets"`
		} `yaml:"services"`
		Secrets map[string]struct {
			File string `yaml:"file"`
		} `yaml:"secrets"`
	}
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	redis := strings.Join(c.Services["redis"].Command, " ")
	for _, want := range []string{"--appendonly yes", "--appendfsync everysec", "--maxmemory-policy noeviction"} {
		if !strings.Contains(redis, want) {
			t.Errorf("redis runs without %s: %s", want, redis)
		}
	}
	if len(c.Services["redis"].Volumes) == 0 || !strings.HasSuffix(c.Services["redis"].Volumes[0], ":/data") {
		t.Errorf("redis keeps no volume: %v", c.Services["redis"].Volumes)
	}
	app := c.Services["ctdesk"]
	for k := range app.Environment {
		if strings.Contains(k, "TOKEN") && !strings.HasSuffix(k, "_FILE") {
			t.Errorf("compose passes %s as a value, not as a file", k)
		}
	}
	if app.Environment["TELEGRAM_TOKEN_FILE"] == "" || len(app.Secrets) == 0 || c.Secrets["telegram_token"].File == "" {
		t.Errorf("compose does not pass the token as a secret file: %+v", app)
	}
	if app.Environment["CTDESK_CONFIG"] == "" {
		t.Errorf("compose runs ctdesk without CTDESK_CONFIG: it would refuse to start")
	}
}
