package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/slack/slacktest"
)

// scrape reads /metrics and returns each sample by its name and labels,
// as exposed ("ctdesk_messages_sent_total{platform=\"slack\"}").
func scrape(t *testing.T, addr string) map[string]float64 {
	t.Helper()
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatalf("GET /metrics: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET /metrics: %d %s", resp.StatusCode, body)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("metrics line %q: %v", line, err)
		}
		out[line[:i]] = v
	}
	return out
}

// waitMetric waits until the sample reaches at least want, and returns
// every sample of that scrape.
func waitMetric(t *testing.T, addr, sample string, want float64) map[string]float64 {
	t.Helper()
	var got map[string]float64
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if got = scrape(t, addr); got[sample] >= want {
			return got
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s = %v, want at least %v", sample, got[sample], want)
	return nil
}

// TestMetricsMove plays a Slack conversation with a redelivered event, a
// refused press, a rate limit, a refused message and a scheduled job, and
// reads each counter through /metrics.
func TestMetricsMove(t *testing.T) {
	srv := slacktest.New(t)
	for id, name := range map[string]string{"U01ANA": "ana", "U01BETO": "beto", "U02LUIS": "luis", "U02ROSA": "rosa"} {
		srv.AddUser(id, name)
	}
	cfg := filepath.Join(t.TempDir(), "ctdesk.yaml")
	config := slackConfig + "schedules:\n  cron: {seguimiento: \"@every 1s\"}\n"
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	serveUntilEnd(t, map[string]string{
		"CTDESK_CONFIG":    cfg,
		"CTDESK_DATA":      filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR": addr,
		"SLACK_BOT_TOKEN":  srv.BotToken(),
		"SLACK_APP_TOKEN":  srv.AppToken(),
		"SLACK_API_URL":    srv.APIURL(),
	})
	const rosa, luis = "U02ROSA", "U02LUIS"

	// A redelivered event is recognised.
	id := srv.Say(rosa, "hola")
	srv.WaitMessage(t, rosa, 0, "¿Qué servicio necesitas", 20*time.Second)
	if err := srv.Redeliver(id); err != nil {
		t.Fatal(err)
	}
	waitMetric(t, addr, `ctdesk_dedup_hits_total{platform="slack"}`, 1)

	// rosa presses the Aprobar meant for luis.
	slackSubmitCorreo(t, srv, rosa)
	var ask slacktest.Message
	slacktest.WaitFor(t, "luis's request", 20*time.Second, func() bool {
		for _, m := range srv.BotMessages(luis) {
			if strings.Contains(m.Full(), "pide tu visto bueno") {
				ask = m
				return true
			}
		}
		return false
	})
	if _, err := srv.Press(rosa, ask, "Aprobar"); err != nil {
		t.Fatal(err)
	}
	waitMetric(t, addr, `ctdesk_presses_refused_total{platform="slack"}`, 1)

	// Slack asks to wait once; the message goes out after.
	srv.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: 1, Error: "ratelimited"})
	slackPress(t, srv, luis, "Aprobar")
	srv.WaitMessage(t, rosa, 0, "dio su visto bueno", 20*time.Second)
	waitMetric(t, addr, `ctdesk_messages_failed_total{platform="slack",reason="retry_after"}`, 1)

	// Slack refuses a message for good: it is dropped.
	srv.FailNext("chat.postMessage", slacktest.Fault{Status: 200, Error: "invalid_blocks"})
	srv.Say(rosa, "hola")
	waitMetric(t, addr, `ctdesk_messages_dropped_total{reason="refused"}`, 1)
	got := waitMetric(t, addr, `ctdesk_job_runs_total{job="seguimiento",outcome="ok"}`, 1)

	for sample, min := range map[string]float64{
		`ctdesk_updates_total{outcome="ok",platform="slack"}`:        10,
		`ctdesk_updates_total{outcome="duplicate",platform="slack"}`: 1,
		`ctdesk_updates_total{outcome="refused",platform="slack"}`:   1,
		`ctdesk_update_seconds_count{platform="slack"}`:              12,
		`ctdesk_messages_sent_total{platform="slack"}`:               10,
		`ctdesk_outbox_age_seconds_count{platform="slack"}`:          10,
		`ctdesk_job_seconds_count{job="seguimiento"}`:                1,
		`ctdesk_platform_up{platform="slack"}`:                       1,
	} {
		if got[sample] < min {
			t.Errorf("%s = %v, want at least %v", sample, got[sample], min)
		}
	}
	if v, ok := got["ctdesk_outbox_pending"]; !ok || v < 0 {
		t.Errorf("ctdesk_outbox_pending = %v (present %v), want a count", v, ok)
	}
}
