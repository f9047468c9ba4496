package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack/slackevents"
)

const fuzzSecret = "8f742231b10e8888abcd99yyyzzz85a5"

// FuzzPayloads: for any body, a request signed with the secret passes the
// check with its body intact, while the same signature over a changed body
// or an old timestamp is refused with 401; then the body, read as an Events
// API callback, an interactivity payload or a slash command, gives either
// nothing or an update of one person with what that person sent.
func FuzzPayloads(f *testing.F) {
	f.Add(uint8(0), []byte(`{"type":"event_callback","event_id":"Ev1","event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","text":"hola <mailto:a@b.mx|a@b.mx> &amp; <https://x.mx>","ts":"1.2"}}`))
	f.Add(uint8(0), []byte(`{"type":"event_callback","event_id":"Ev2","event":{"type":"app_mention","user":"U2","text":"<@UB> hola"}}`))
	f.Add(uint8(0), []byte(`{"type":"url_verification","challenge":"abc"}`))
	f.Add(uint8(1), []byte("payload="+url.QueryEscape(`{"type":"block_actions","user":{"id":"U1"},"trigger_id":"t1","container":{"channel_id":"D1","message_ts":"1.2"},"actions":[{"action_id":"a","block_id":"b","value":"t:CT-2026-0001:tomar:3","action_ts":"9.9"}]}`)))
	f.Add(uint8(2), []byte("user_id=U1&channel_id=D1&command=%2Fctdesk&text=ayuda&trigger_id=t2"))
	f.Add(uint8(2), []byte("user_id=&text=%2Fnueva"))
	f.Fuzz(func(t *testing.T, kind uint8, body []byte) {
		a := &Adapter{cfg: Config{SigningSecret: fuzzSecret, MaxBody: 1 << 20}, log: slog.New(slog.DiscardHandler)}
		checkSignature(t, a, body)
		switch kind % 3 {
		case 0:
			checkEvent(t, a, body)
		case 1:
			checkInteraction(t, a, body)
		default:
			checkCommand(t, a, body)
		}
	})
}

// signedRequest is a request to path carrying body, signed at ts over signed.
func signedRequest(body, signed []byte, ts time.Time) *http.Request {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(fuzzSecret))
	mac.Write([]byte("v0:" + stamp + ":"))
	mac.Write(signed)
	r := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(body))
	r.Header.Set("X-Slack-Request-Timestamp", stamp)
	r.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return r
}

func checkSignature(t *testing.T, a *Adapter, body []byte) {
	now := time.Now()
	w := httptest.NewRecorder()
	got, ok := a.verified(w, signedRequest(body, body, now))
	if !ok || !bytes.Equal(got, body) {
		t.Fatalf("a correctly signed body was refused (%d) or changed", w.Code)
	}
	changed := append([]byte(nil), body...)
	if len(changed) == 0 {
		changed = []byte{'x'}
	} else {
		changed[len(changed)/2] ^= 1
	}
	for name, r := range map[string]*http.Request{
		"changed body":  signedRequest(changed, body, now),
		"old timestamp": signedRequest(body, body, now.Add(-10*time.Minute)),
	} {
		w := httptest.NewRecorder()
		if _, ok := a.verified(w, r); ok || w.Code != http.StatusUnauthorized {
			t.Fatalf("%s: accepted=%v status %d, want refused with 401", name, ok, w.Code)
		}
	}
}

func checkEvent(t *testing.T, a *Adapter, body []byte) {
	e, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		return
	}
	u, ok := a.fromEventsAPI(e)
	if !ok {
		return
	}
	if !strings.HasPrefix(u.ID, "sl:") || u.Key == Platform+":" || !strings.HasPrefix(u.Key, Platform+":") {
		t.Fatalf("event update with id %q, key %q", u.ID, u.Key)
	}
	if m, isMsg := e.InnerEvent.Data.(*slackevents.MessageEvent); isMsg && m.Message != nil && len(m.Message.Files) > 0 {
		return // its event downloads the files
	}
	ev, ok, err := u.Event(context.Background())
	if err != nil || !ok || Platform+":"+ev.Account != u.Key || ev.ID == "" {
		t.Fatalf("event of update %q: %+v, %v, %v", u.Key, ev, ok, err)
	}
	want := "/start" // a mention opens the menu
	if m, isMsg := e.InnerEvent.Data.(*slackevents.MessageEvent); isMsg {
		want = plainText(m.Text)
	}
	if ev.Text != want {
		t.Fatalf("event text %q, want %q", ev.Text, want)
	}
}

func checkInteraction(t *testing.T, a *Adapter, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return
	}
	u, ok, err := a.readInteraction(form)
	if err != nil || !ok {
		return
	}
	ev, _, _ := u.Event(context.Background())
	if u.Key != Platform+":"+ev.Account || ev.Account == "" || !strings.HasPrefix(ev.ID, "sl:a:") {
		t.Fatalf("press: key %q, event %+v", u.Key, ev)
	}
}

func checkCommand(t *testing.T, a *Adapter, body []byte) {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return
	}
	u, ok, _ := a.readCommand(form)
	if !ok {
		if form.Get("user_id") != "" {
			t.Fatalf("a command of %q was ignored", form.Get("user_id"))
		}
		return
	}
	ev, _, _ := u.Event(context.Background())
	if ev.Account != form.Get("user_id") || !strings.HasPrefix(ev.Text, "/") || strings.HasPrefix(ev.Text, "//") {
		t.Fatalf("command %v read as %+v", form, ev)
	}
}

// FuzzEscape: escaped text has no raw markup, and reading it back as a
// message gives the text again.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a < b & c > d", "&lt;b&gt;", "<https://x.mx|x>", "  hola  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escape(s)
		if strings.ContainsAny(e, "<>") {
			t.Fatalf("escape(%q) = %q has raw markup", s, e)
		}
		if got := plainText(e); got != strings.TrimSpace(s) {
			t.Fatalf("plainText(escape(%q)) = %q", s, got)
		}
	})
}
