//go:build unix

package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/storage/redisstore/redistest"
)

// freeAddr returns a loopback address nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// readyz asks /readyz and returns the status, the body and how long it took.
func readyz(t *testing.T, addr string) (int, string, time.Duration) {
	t.Helper()
	start := time.Now()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get("http://" + addr + "/readyz")
	if err != nil {
		return 0, err.Error(), time.Since(start)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), time.Since(start)
}

// TestRedisHygiene serves on a Redis that could evict and keeps nothing on
// disk: both problems are logged as warnings and shown in /readyz. Then
// Redis hangs (SIGSTOP): /readyz says so within its 2 s, the container
// health check fails, and both recover when Redis does.
func TestRedisHygiene(t *testing.T) {
	srv := redistest.Start(t)
	if srv.External() {
		t.Skip("changes the settings of its own redis-server")
	}
	ctx := t.Context()
	admin := srv.Client(t)
	for _, kv := range [][2]string{{"maxmemory-policy", "allkeys-lru"}, {"appendonly", "no"}, {"save", ""}} {
		if err := admin.ConfigSet(ctx, kv[0], kv[1]).Err(); err != nil {
			t.Fatalf("CONFIG SET %s: %v", kv[0], err)
		}
	}
	tg := telegramtest.New(t)
	addr := freeAddr(t)
	vars := map[string]string{
		"CTDESK_CONFIG": "../internal/config/example.yaml", "REDIS_URL": srv.URL(), "CTDESK_REDIS_PREFIX": srv.Prefix(t),
		"CTDESK_HTTP_ADDR": addr, "TELEGRAM_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint(),
		"CTDESK_LOG_FORMAT": "json",
	}
	logs := &lockedBuffer{}
	runCtx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(runCtx, []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, logs) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Errorf("ctdesk did not stop")
		}
	})
	telegramtest.WaitFor(t, func() bool { code, _, _ := readyz(t, addr); return code == http.StatusOK }, 15*time.Second)

	_, body, _ := readyz(t, addr)
	for _, want := range []string{"ready\n", "aviso: maxmemory-policy es allkeys-lru", "aviso: Redis no guarda nada en disco"} {
		if !strings.Contains(body, want) {
			t.Errorf("/readyz lacks %q:\n%s", want, body)
		}
	}
	for _, want := range []string{`"level":"WARN","msg":"redis: maxmemory-policy es allkeys-lru`, `"msg":"redis: Redis no guarda nada en disco`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, logs.String())
		}
	}
	if _, _, err := runOut(t, map[string]string{"CTDESK_HTTP_ADDR": addr}, "healthcheck"); err != nil {
		t.Errorf("healthcheck of a ready service: %v", err)
	}

	resume := srv.Pause(t)
	code, body, took := readyz(t, addr)
	if code != http.StatusServiceUnavailable || took > 2500*time.Millisecond {
		t.Errorf("/readyz with Redis hung: %d %q after %v; want 503 within 2 s", code, body, took)
	}
	t.Logf("/readyz with Redis hung: %d after %v", code, took)
	if _, _, err := runOut(t, map[string]string{"CTDESK_HTTP_ADDR": addr}, "healthcheck"); err == nil || !strings.Contains(err.Error(), "no está listo") {
		t.Errorf("healthcheck with Redis hung: %v", err)
	}
	resume()
	telegramtest.WaitFor(t, func() bool { code, _, _ := readyz(t, addr); return code == http.StatusOK }, 15*time.Second)
}

// TestRedisUnreachable: go-redis' own log lines go through slog, and the
// operator reads in Spanish what failed.
func TestRedisUnreachable(t *testing.T) {
	addr := freeAddr(t)
	var stderr bytes.Buffer
	vars := map[string]string{"REDIS_URL": "redis://" + addr + "/0", "CTDESK_LOG_FORMAT": "json"}
	err := run(t.Context(), []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no pude conectar con Redis en "+addr+": nadie escucha ahí") {
		t.Errorf("serve with Redis down: %v", err)
	}
	if !strings.Contains(stderr.String(), `"component":"redis"`) || !strings.Contains(stderr.String(), "failed to dial") {
		t.Errorf("go-redis' own log line did not go through slog:\n%s", stderr.String())
	}
	for _, bad := range []string{"localhost:6379", "http://localhost"} {
		err := run(t.Context(), []string{"serve"}, env(map[string]string{"REDIS_URL": bad}), strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "REDIS_URL no es una URL de Redis: escribe redis://") {
			t.Errorf("REDIS_URL=%s: %v", bad, err)
		}
	}
}

// TestHTTPAddressInUse: a taken port stops ctdesk with what to do.
func TestHTTPAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	tg := telegramtest.New(t)
	vars := map[string]string{"CTDESK_CONFIG": "../internal/config/example.yaml", "CTDESK_DATA": t.TempDir() + "/c.db",
		"CTDESK_HTTP_ADDR": ln.Addr().String(), "TELEGRAM_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint()}
	err = run(t.Context(), []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "la dirección ya está en uso") || strings.Contains(err.Error(), "bind:") {
		t.Errorf("serve on a taken address: %v", err)
	}
}

// TestDemoAllowsTheExample: CTDESK_DEMO=1 serves a platform on the built-in
// example on purpose, and says so at start.
func TestDemoAllowsTheExample(t *testing.T) {
	tg := telegramtest.New(t)
	vars := map[string]string{"CTDESK_DEMO": "1", "CTDESK_DATA": t.TempDir() + "/c.db", "CTDESK_HTTP_ADDR": "127.0.0.1:0",
		"TELEGRAM_TOKEN": tg.Token(), "TELEGRAM_API_ENDPOINT": tg.Endpoint()}
	logs := &lockedBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, logs) }()
	telegramtest.WaitFor(t, func() bool { return strings.Contains(logs.String(), "http listening") }, 15*time.Second)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve with CTDESK_DEMO=1: %v\n%s", err, logs.String())
	}
	if !strings.Contains(logs.String(), "level=WARN msg=\"CTDESK_DEMO=1: se atiende TELEGRAM_TOKEN con el directorio de ejemplo incluido") {
		t.Errorf("no warning at start:\n%s", logs.String())
	}
}
