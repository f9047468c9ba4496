package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ctdesk/storage/leaktest"
)

// independentConfig is example.yaml with rosa, luis and beto given Slack ids.
func independentConfig(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../internal/config/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := string(data)
	for _, r := range [][2]string{
		{"telegram: 1002}", "telegram: 1002, slack: U01BETO}"},
		{"telegram: 2001}", "telegram: 2001, slack: U02LUIS}"},
		{"telegram: 2002}", "telegram: 2002, slack: U02ROSA}"},
	} {
		if !strings.Contains(cfg, r[0]) {
			t.Fatalf("example.yaml has no %q to add a Slack id to", r[0])
		}
		cfg = strings.Replace(cfg, r[0], r[1], 1)
	}
	path := filepath.Join(t.TempDir(), "ctdesk.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startIndependent runs ctdesk serve with vars; stop ends it (at the latest
// when the test ends) and reports how it stopped.
func startIndependent(t *testing.T, vars map[string]string) (stop func(), logs *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	logs = &lockedBuffer{}
	go func() { done <- run(ctx, []string{"serve"}, env(vars), strings.NewReader(""), io.Discard, logs) }()
	stopped := false
	stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("ctdesk serve: %v\n%s", err, logs.String())
			}
		case <-time.After(15 * time.Second):
			t.Errorf("ctdesk did not stop\n%s", logs.String())
		}
	}
	t.Cleanup(stop)
	return stop, logs
}

// TestSlackIndependentSocketMode is issue 5's done-when tried against a
// Slack that is not the repository's: slack-go's own slacktest server on
// loopback. ctdesk gets SLACK_BOT_TOKEN, SLACK_APP_TOKEN and SLACK_API_URL;
// the people type in their DMs (message.im events) and press buttons
// (block_actions), each pushed as a Socket Mode envelope on slacktest's
// websocket; the correo alta runs to the requester's signature, the
// supervisor approving by button.
func TestSlackIndependentSocketMode(t *testing.T) {
	s := newIndepSlack(t)
	data := filepath.Join(t.TempDir(), "ctdesk.db")
	vars := map[string]string{
		"CTDESK_CONFIG":    independentConfig(t),
		"CTDESK_DATA":      data,
		"CTDESK_HTTP_ADDR": "127.0.0.1:0",
		"SLACK_BOT_TOKEN":  s.botToken,
		"SLACK_APP_TOKEN":  s.appToken,
		"SLACK_API_URL":    s.APIURL(),
	}
	stop, logs := startIndependent(t, vars)

	// Slack greets a new connection with hello before any envelope.
	s.waitFor("the Socket Mode connection", func() bool {
		return slices.ContainsFunc(s.calls, func(c apiCall) bool { return c.Method == "apps.connections.open" && c.OK })
	})
	s.srv.SendToWebsocket(`{"type":"hello","num_connections":1,"debug_info":{"host":"applink-ctdesk-test","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A0CTDESK01"}}`)

	const rosa, luis, beto = "U02ROSA", "U02LUIS", "U01BETO"
	s.say(rosa, "hola")
	s.waitText(rosa, "¿Qué servicio necesitas")
	s.press(rosa, "Cuenta de correo electrónico")
	s.press(rosa, "Alta (crear una cuenta)")
	s.waitText(rosa, "(2/6)")
	s.say(rosa, "Rosa Díaz Martínez")
	s.waitText(rosa, "(3/6)")
	s.say(rosa, "Analista de presupuesto")
	s.press(rosa, "Dirección de Finanzas")
	s.waitText(rosa, "(5/6)")
	// The Slack client turns a typed address into a mailto link.
	s.say(rosa, "<mailto:rosa.diaz@upe.edu.mx|rosa.diaz@upe.edu.mx>")
	s.waitText(rosa, "(6/6)")
	s.say(rosa, "Se incorporó a Finanzas y necesita correo institucional.")
	s.press(rosa, "Enviar")
	receipt := s.waitText(rosa, "Registré tu solicitud")
	folio := regexp.MustCompile(`CT-\d{4}-\d{4}`).FindString(receipt.Text)
	if folio == "" {
		t.Fatalf("no folio in rosa's receipt %q", receipt.Text)
	}

	request := s.waitText(luis, "pide tu visto bueno")
	var labels []string
	for _, b := range request.Buttons {
		labels = append(labels, b.Label)
	}
	if !slices.Contains(labels, "Aprobar") || !slices.Contains(labels, "Rechazar") {
		t.Errorf("luis's approval request shows buttons %q, want Aprobar and Rechazar", labels)
	}
	if !strings.Contains(request.Text, folio) {
		t.Errorf("luis's approval request does not name %s: %q", folio, request.Text)
	}
	approved := s.press(luis, "Aprobar")
	s.waitText(rosa, "Luis Pérez dio su visto bueno")
	s.waitFor("the approval request updated without buttons", func() bool {
		return len(approved.Updates) > 0 && len(approved.Updates[len(approved.Updates)-1].Buttons) == 0
	})

	s.press(beto, "Tomar")
	s.press(beto, "Fijar fecha")
	s.say(beto, "mañana")
	s.waitText(beto, "márcala como completada")
	s.press(beto, "Completar")
	s.press(beto, "Omitir")
	ready := s.waitText(rosa, "Contraseña temporal: ")
	s.press(rosa, "Firmar de recibido")
	s.waitText(rosa, "Registré tu firma de responsabilidad")
	s.waitText(rosa, "Contraseña entregada el ")
	s.waitText(beto, "Contraseña entregada el ")
	stop()

	// The password was posted in rosa's DM and, to set it on the mail
	// server, in the technician's; in no other call, not in an update or a
	// notice, not in the store.
	_, rest, _ := strings.Cut(ready.Text, "Contraseña temporal: ")
	pw := strings.Fields(rest)[0]
	if len(pw) < 12 {
		t.Fatalf("temporary password %q is too short", pw)
	}
	calls := s.callsSnapshot()
	for _, c := range calls {
		for k, vs := range c.Form {
			for _, v := range vs {
				ch := c.Form.Get("channel")
				if strings.Contains(v, pw) && (c.Method != "chat.postMessage" || (ch != dm(rosa) && ch != dm(beto))) {
					t.Errorf("the password went out in %s %s=%.80q (channel %s)", c.Method, k, v, ch)
				}
			}
		}
	}
	leaktest.SQLite(t, data, pw)

	// The store: the bitácora, read after ctdesk stopped.
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"bitacora", "--folio", folio}, env(vars), strings.NewReader(""), &out, &errOut); err != nil {
		t.Fatalf("bitacora: %v\n%s", err, errOut.String())
	}
	rows, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatalf("bitácora is not CSV: %v\n%s", err, out.String())
	}
	var steps []string
	for _, r := range rows[1:] {
		steps = append(steps, r[2]+":"+r[6])
	}
	want := "rosa:Solicitud registrada luis:Visto bueno otorgado beto:Solicitud tomada beto:Fecha comprometida fijada beto:Contraseña entregada beto:Solicitud de correo atendida rosa:Responsabilidad de la cuenta firmada" +
		" ctdesk:Contraseña borrada del chat ctdesk:Contraseña borrada del chat"
	if got := strings.Join(steps, " "); got != want {
		t.Errorf("bitácora of %s\n got: %s\nwant: %s", folio, got, want)
	}
	if strings.Contains(out.String(), pw) {
		t.Errorf("the bitácora shows the password")
	}

	// Every envelope acked; the client wrote nothing else but acks.
	s.mu.Lock()
	for _, id := range s.sent {
		if s.acks[id] == 0 {
			t.Errorf("envelope %s never acked", id)
		}
	}
	envelopes, resent, frames := len(s.sent), s.resent, slices.Clone(s.frames)
	s.mu.Unlock()
	for _, f := range frames {
		if !strings.HasPrefix(f, `{"envelope_id":`) {
			t.Errorf("the client wrote %q on the websocket", f)
		}
	}

	// What each side answered, and with which token it was asked.
	counts := map[string]int{}
	var refused []string
	for _, c := range calls {
		who := "slacktest"
		if c.Added {
			who = "added"
		}
		counts[who+" "+c.Method]++
		if c.Status/100 != 2 || !c.OK {
			refused = append(refused, fmt.Sprintf("%s (%s): %d ok=%v %s %.200s", c.Method, who, c.Status, c.OK, c.Error, c.Answer))
		}
		wantToken := s.botToken
		if c.Method == "apps.connections.open" {
			wantToken = s.appToken
		}
		if c.Token != wantToken {
			t.Errorf("%s called with token %q, want %q", c.Method, c.Token, wantToken)
		}
	}
	var summary []string
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		summary = append(summary, k+"="+strconv.Itoa(counts[k]))
	}
	t.Logf("Web API calls: %s", strings.Join(summary, " "))
	t.Logf("%d envelopes pushed, %d pushed again for want of an ack, %d acks", envelopes, resent, len(frames))
	if counts["slacktest apps.connections.open"] > 1 {
		t.Logf("Socket Mode connected %d times", counts["slacktest apps.connections.open"])
	}
	for _, r := range refused {
		t.Errorf("refused call: %s", r)
	}
	if t.Failed() {
		t.Logf("calls:\n%s\nctdesk log:\n%s", s.transcript(), logs.String())
	}
}

// TestSlackIndependentHTTPSignature is the HTTP-mode half of the done-when,
// the requests built by hand from Slack's signing rules (v0, HMAC-SHA256 of
// "v0:timestamp:body"): a wrong, a stale and a missing signature get 401; a
// signed url_verification is answered with its challenge.
func TestSlackIndependentHTTPSignature(t *testing.T) {
	s := newIndepSlack(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	const secret = "8f742231b10e8888abcd99yyyzzz85a5"
	startIndependent(t, map[string]string{
		"CTDESK_CONFIG":        independentConfig(t),
		"CTDESK_DATA":          filepath.Join(t.TempDir(), "ctdesk.db"),
		"CTDESK_HTTP_ADDR":     addr,
		"SLACK_BOT_TOKEN":      s.botToken,
		"SLACK_SIGNING_SECRET": secret,
		"SLACK_API_URL":        s.APIURL(),
	})
	s.waitFor("the HTTP listener", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			resp.Body.Close()
		}
		return err == nil
	})

	body := `{"token":"unused","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`
	sign := func(key string, ts int64) string {
		m := hmac.New(sha256.New, []byte(key))
		fmt.Fprintf(m, "v0:%d:%s", ts, body)
		return "v0=" + hex.EncodeToString(m.Sum(nil))
	}
	post := func(ts int64, sig string) (int, string) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/slack/events", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if ts != 0 {
			req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
		}
		if sig != "" {
			req.Header.Set("X-Slack-Signature", sig)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	now := time.Now().Unix()
	for name, c := range map[string]struct {
		ts  int64
		sig string
	}{
		"wrong secret": {now, sign("not-the-secret", now)},
		"stale":        {now - 600, sign(secret, now-600)},
		"no signature": {now, ""},
		"no timestamp": {0, sign(secret, now)},
		"garbled":      {now, "v0=" + strings.Repeat("0", 64)},
	} {
		if code, b := post(c.ts, c.sig); code != http.StatusUnauthorized {
			t.Errorf("%s: %d %q, want 401", name, code, b)
		}
	}
	if code, b := post(now, sign(secret, now)); code != http.StatusOK || b != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("signed url_verification: %d %q, want 200 and the challenge", code, b)
	}
}
