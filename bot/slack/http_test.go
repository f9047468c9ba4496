package slack_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

const secret = "8f742231b10e8888abcd99yyyzzz85a5"

// httpRig runs the adapter in HTTP mode behind a loopback listener, with
// the fake delivering to it.
func httpRig(t *testing.T) (*rig, string) {
	t.Helper()
	srv := slacktest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	r := newRig(t, srv, st, ctslack.Config{SigningSecret: secret, MaxBody: 64 << 10})
	mux := http.NewServeMux()
	for pattern, h := range r.ad.Webhooks(r.intake) {
		mux.Handle(pattern, h)
	}
	app := httptest.NewServer(mux)
	t.Cleanup(app.Close)
	srv.UseHTTP(app.URL, secret)
	r.start()
	return r, app.URL
}

// TestCorreoOverHTTP runs the correo flow with every request signed.
func TestCorreoOverHTTP(t *testing.T) {
	r, _ := httpRig(t)
	correo(t, r)
	for _, d := range r.srv.Deliveries() {
		if d.Status != http.StatusOK || d.Latency > 3*time.Second {
			t.Errorf("delivery %s to %s: %d after %s", d.ID, d.Path, d.Status, d.Latency)
		}
	}
}

// TestRefusedRequests: a wrong, stale or missing signature gets 401 and
// changes nothing; a replayed or retried request is applied once. That
// nothing refused or repeated was applied late shows at the end, once
// luis's last message is answered: his chat holds one menu, then the help.
func TestRefusedRequests(t *testing.T) {
	r, app := httpRig(t)
	ctx := context.Background()
	last := func() slacktest.Delivery { d := r.srv.Deliveries(); return d[len(d)-1] }
	untouched := func(what string) {
		t.Helper()
		if _, err := r.st.Dialog(ctx, "luis"); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("%s: luis has a dialog (err %v), want none", what, err)
		}
		if n := len(r.srv.BotMessages(luis)); n != 0 {
			t.Errorf("%s: luis got %d messages, want none", what, n)
		}
	}

	r.srv.UseHTTP(app, "not-the-secret")
	r.srv.Say(luis, "hola")
	if d := last(); d.Status != http.StatusUnauthorized {
		t.Errorf("forged: status %d, want 401", d.Status)
	}
	untouched("forged")

	r.srv.UseHTTP(app, secret)
	r.srv.SignAt(func() time.Time { return time.Now().Add(-6 * time.Minute) })
	r.srv.Say(luis, "hola")
	if d := last(); d.Status != http.StatusUnauthorized {
		t.Errorf("stale: status %d, want 401", d.Status)
	}
	untouched("stale")

	r.srv.UseHTTP(app, "")
	r.srv.Slash(luis, "", "/ctdesk", "")
	if d := last(); d.Status != http.StatusUnauthorized {
		t.Errorf("unsigned: status %d, want 401", d.Status)
	}
	untouched("unsigned")

	// A body changed after signing.
	body := []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel_type":"im","user":"` + luis + `","text":"hola"}}`)
	now := time.Now()
	req, _ := http.NewRequest(http.MethodPost, app+"/slack/events", bytes.NewReader(bytes.Replace(body, []byte("hola"), []byte("hole"), 1)))
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Slack-Signature", slacktest.Sign(secret, now, body))
	if code := do(t, req); code != http.StatusUnauthorized {
		t.Errorf("tampered: status %d, want 401", code)
	}
	untouched("tampered")

	// Too large, even when signed.
	big := bytes.Repeat([]byte("x"), 65<<10)
	req, _ = http.NewRequest(http.MethodPost, app+"/slack/events", bytes.NewReader(big))
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Slack-Signature", slacktest.Sign(secret, now, big))
	if code := do(t, req); code != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: status %d, want 413", code)
	}
	untouched("too large")

	// Signed: applied; replayed byte for byte and retried by Slack: once.
	r.srv.UseHTTP(app, secret)
	r.srv.SignAt(time.Now)
	id := r.srv.Say(luis, "hola")
	if d := last(); d.Status != http.StatusOK {
		t.Fatalf("signed: status %d, want 200", d.Status)
	}
	r.srv.WaitMessage(t, luis, 0, "Luis", wait)
	if d, err := r.srv.Replay(id); err != nil || d.Status != http.StatusOK {
		t.Errorf("replay: %+v, %v; want 200", d, err)
	}
	if err := r.srv.Redeliver(id); err != nil {
		t.Fatal(err)
	}
	if d := last(); d.Status != http.StatusOK || d.Attempt != 1 {
		t.Errorf("retry: %+v, want 200 on attempt 1", d)
	}
	r.say(luis, "/ayuda", "")
	if msgs := r.srv.BotMessages(luis); len(msgs) != 2 || !isMenu(msgs[0]) || isMenu(msgs[1]) {
		var got []string
		for _, m := range msgs {
			got = append(got, m.Full())
		}
		t.Errorf("luis's chat %q, want one menu then the help", got)
	}

	// The handshake Slack makes when the request URL is set.
	chal := []byte(`{"token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}`)
	req, _ = http.NewRequest(http.MethodPost, app+"/slack/events", bytes.NewReader(chal))
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(now.Unix(), 10))
	req.Header.Set("X-Slack-Signature", slacktest.Sign(secret, now, chal))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(string(got), "3eZbrw1aBm2r") {
		t.Errorf("url_verification: %d %q", resp.StatusCode, got)
	}
}

func do(t *testing.T, req *http.Request) int {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
