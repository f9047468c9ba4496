package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack/slacktest"
)

// indepSlack is a Slack that is not the repository's own: slack-go's
// slacktest server answers the Web API and serves the Socket Mode websocket.
// It keeps no record of what was posted, so a recorder in front of it (the
// SLACK_API_URL ctdesk is given) copies every call and its answer while
// passing both through unchanged. slacktest has no conversations.open and no
// chat.update; those two are added to it with its own Handle.
type indepSlack struct {
	t        *testing.T
	srv      *slacktest.Server
	front    *httptest.Server
	client   *http.Client
	botToken string
	appToken string
	team     string
	done     chan struct{}

	mu      sync.Mutex
	calls   []apiCall
	msgs    []*dmMessage          // chat.postMessage, in the order answered
	pressed map[string]*dmMessage // "channel:ts" -> the message last pressed there
	acks    map[string]int        // envelope id -> acks seen on the websocket
	frames  []string              // everything the client wrote on the websocket
	sent    []string              // envelope ids pushed, in order
	resent  int                   // envelopes pushed again for want of an ack
	seq     int
}

// apiCall is one Web API call as the recorder saw it.
type apiCall struct {
	Method string
	Token  string
	Form   url.Values
	Status int
	Answer []byte
	OK     bool
	Error  string
	Added  bool // answered by a handler this test added to slacktest
	At     time.Time
}

// dmMessage is a message the bot posted, with its latest chat.update.
type dmMessage struct {
	Channel, TS, Text string
	Blocks            json.RawMessage
	Buttons           []dmButton
	Pressed           bool
	Updates           []dmUpdate
}

type dmUpdate struct {
	Text    string
	Buttons []dmButton
}

type dmButton struct {
	ActionID, BlockID, Label, Value string
}

// Methods slacktest lacks, added with its Handle.
var addedMethods = []string{"conversations.open", "chat.update", "chat.delete"}

// newIndepSlack starts slacktest on loopback and the recorder in front of it.
func newIndepSlack(t *testing.T) *indepSlack {
	t.Helper()
	s := &indepSlack{
		t:        t,
		botToken: "xoxb-ctdesk-independent",
		appToken: "xapp-1-ctdesk-independent",
		team:     "T024BE7LD", // slacktest's team
		done:     make(chan struct{}),
		pressed:  map[string]*dmMessage{},
		acks:     map[string]int{},
		client:   &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{}},
	}
	s.srv = slacktest.NewTestServer(func(c slacktest.Customize) {
		c.Handle("/conversations.open", s.conversationsOpen)
		c.Handle("/chat.update", s.chatUpdate)
		c.Handle("/chat.delete", s.chatDelete)
	})
	s.srv.Start()
	// slacktest hands every frame the client writes (the acks) to an
	// unbuffered channel, and its websocket reader blocks until it is taken.
	go s.drainSeen()
	s.front = httptest.NewServer(http.HandlerFunc(s.forward))
	t.Cleanup(func() {
		close(s.done)
		s.front.Close()
		s.srv.Stop()
		s.client.CloseIdleConnections()
	})
	return s
}

// APIURL is what ctdesk is given as SLACK_API_URL, with the trailing slash
// slacktest's GetAPIURL also has.
func (s *indepSlack) APIURL() string { return s.front.URL + "/" }

// dm is the DM channel between the bot and a user, as conversations.open
// answers it.
func dm(user string) string { return "D" + user }

func (s *indepSlack) drainSeen() {
	for {
		select {
		case <-s.done:
			return
		case f := <-s.srv.SeenFeed:
			var r struct {
				EnvelopeID string `json:"envelope_id"`
			}
			_ = json.Unmarshal([]byte(f), &r)
			s.mu.Lock()
			s.frames = append(s.frames, f)
			if r.EnvelopeID != "" {
				s.acks[r.EnvelopeID]++
			}
			s.mu.Unlock()
		}
	}
}

// forward passes a call to slacktest and records it with its answer.
func (s *indepSlack) forward(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	target := strings.TrimSuffix(s.srv.GetAPIURL(), "/") + r.URL.Path
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, target, bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	req.Header = r.Header.Clone()
	resp, err := s.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	answer, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}

	c := apiCall{Method: strings.TrimPrefix(r.URL.Path, "/"), Status: resp.StatusCode, Answer: answer, At: time.Now()}
	c.Added = slices.Contains(addedMethods, c.Method)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		c.Form, _ = url.ParseQuery(string(body))
	}
	if c.Form == nil {
		c.Form = url.Values{}
	}
	c.Token = c.Form.Get("token")
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		c.Token = h
	}
	var ok struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
		TS    string `json:"ts"`
	}
	if json.Unmarshal(answer, &ok) == nil {
		c.OK, c.Error = ok.OK, ok.Error
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	if c.OK {
		switch c.Method {
		case "chat.postMessage":
			text, buttons := parseBlocks(c.Form)
			s.msgs = append(s.msgs, &dmMessage{Channel: c.Form.Get("channel"), TS: ok.TS, Text: text,
				Blocks: json.RawMessage(c.Form.Get("blocks")), Buttons: buttons})
		case "chat.update":
			if m := s.target(c.Form.Get("channel"), c.Form.Get("ts")); m != nil {
				text, buttons := parseBlocks(c.Form)
				m.Updates = append(m.Updates, dmUpdate{Text: text, Buttons: buttons})
			}
		}
	}
	s.mu.Unlock()

	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(answer)
}

// target is the message chat.update means. slacktest's timestamps are whole
// seconds, so two messages in a DM may share one; the pressed one is meant.
// s.mu is held.
func (s *indepSlack) target(channel, ts string) *dmMessage {
	if m := s.pressed[channel+":"+ts]; m != nil {
		return m
	}
	for _, m := range slices.Backward(s.msgs) {
		if m.Channel == channel && m.TS == ts {
			return m
		}
	}
	return nil
}

// parseBlocks reads a message's text and its buttons from the call.
func parseBlocks(form url.Values) (string, []dmButton) {
	var blocks []struct {
		Type     string `json:"type"`
		BlockID  string `json:"block_id"`
		Elements []struct {
			Type     string `json:"type"`
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
			Text     struct {
				Text string `json:"text"`
			} `json:"text"`
		} `json:"elements"`
	}
	_ = json.Unmarshal([]byte(form.Get("blocks")), &blocks)
	var buttons []dmButton
	for _, b := range blocks {
		for _, e := range b.Elements {
			if b.Type == "actions" && e.Type == "button" {
				buttons = append(buttons, dmButton{ActionID: e.ActionID, BlockID: b.BlockID, Label: e.Text.Text, Value: e.Value})
			}
		}
	}
	return form.Get("text"), buttons
}

// authorized answers invalid_auth unless the bot token came with the call.
func (s *indepSlack) authorized(w http.ResponseWriter, r *http.Request) bool {
	token := r.Form.Get("token")
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		token = h
	}
	if token != s.botToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return false
	}
	return true
}

// conversationsOpen is Slack's conversations.open for a DM.
func (s *indepSlack) conversationsOpen(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if !s.authorized(w, r) {
		return
	}
	users := strings.Split(r.Form.Get("users"), ",")
	if len(users) != 1 || !strings.HasPrefix(users[0], "U") {
		writeJSON(w, map[string]any{"ok": false, "error": "user_not_found"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "no_op": true, "already_open": true,
		"channel": map[string]any{"id": dm(users[0]), "is_im": true, "user": users[0], "created": 1700000000}})
}

// chatUpdate is Slack's chat.update: the message must be one the bot posted.
func (s *indepSlack) chatUpdate(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if !s.authorized(w, r) {
		return
	}
	channel, ts := r.Form.Get("channel"), r.Form.Get("ts")
	s.mu.Lock()
	m := s.target(channel, ts)
	s.mu.Unlock()
	if m == nil {
		writeJSON(w, map[string]any{"ok": false, "error": "message_not_found"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "channel": channel, "ts": ts, "text": r.Form.Get("text")})
}

// chatDelete answers chat.delete for a message the bot posted.
func (s *indepSlack) chatDelete(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_form_data"})
		return
	}
	if !s.authorized(w, r) {
		return
	}
	channel, ts := r.Form.Get("channel"), r.Form.Get("ts")
	s.mu.Lock()
	m := s.target(channel, ts)
	s.mu.Unlock()
	if m == nil {
		writeJSON(w, map[string]any{"ok": false, "error": "message_not_found"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "channel": channel, "ts": ts})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// deliver pushes a Socket Mode envelope and waits for its ack; like Slack,
// it sends the envelope again (retry_attempt counting up) when no ack came.
// That matters past 30 s: slacktest never pings the websocket, so slack-go
// drops the connection then and connects again, and slacktest's writer for
// the old connection keeps taking frames and loses them.
func (s *indepSlack) deliver(kind string, payload any) string {
	s.t.Helper()
	raw, err := json.Marshal(payload)
	if err != nil {
		s.t.Fatal(err)
	}
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("%08x-ct%02d-4d2e-9c1a-%012d", time.Now().Unix(), s.seq, s.seq)
	s.sent = append(s.sent, id)
	s.mu.Unlock()
	for attempt := 0; attempt < 4; attempt++ {
		env := map[string]any{"envelope_id": id, "type": kind, "payload": json.RawMessage(raw),
			"accepts_response_payload": false, "retry_attempt": attempt}
		if attempt > 0 {
			env["retry_reason"] = "timeout"
			s.mu.Lock()
			s.resent++
			s.mu.Unlock()
		}
		frame, _ := json.Marshal(env)
		s.srv.SendToWebsocket(string(frame))
		deadline := time.Now().Add(5 * time.Second)
		for time.Now().Before(deadline) {
			s.mu.Lock()
			n := s.acks[id]
			s.mu.Unlock()
			if n > 0 {
				return id
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	s.t.Fatalf("envelope %s (%s) never acked", id, kind)
	return id
}

// say is a user typing text in their DM with the bot (message.im).
func (s *indepSlack) say(user, text string) {
	s.t.Helper()
	s.mu.Lock()
	s.seq++
	n := s.seq
	s.mu.Unlock()
	now := time.Now()
	ts := fmt.Sprintf("%d.%06d", now.Unix(), n)
	s.deliver("events_api", map[string]any{
		"token":      "unused-verification-token",
		"team_id":    s.team,
		"api_app_id": "A0CTDESK01",
		"event": map[string]any{
			"type": "message", "channel": dm(user), "channel_type": "im", "user": user, "text": text,
			"ts": ts, "event_ts": ts, "team": s.team, "client_msg_id": fmt.Sprintf("c1e0b1a2-0000-4000-8000-%012d", n),
			"blocks": []any{},
		},
		"type":       "event_callback",
		"event_id":   fmt.Sprintf("Ev0CTD%06d", n),
		"event_time": now.Unix(),
		"authorizations": []map[string]any{{"enterprise_id": nil, "team_id": s.team, "user_id": "W012A3CDE",
			"is_bot": true, "is_enterprise_install": false}},
		"is_ext_shared_channel": false,
		"event_context":         fmt.Sprintf("4-ctdesk-%d", n),
	})
}

// press waits for the newest message in user's DM that still shows label
// and presses it (block_actions), as Slack sends a button press.
func (s *indepSlack) press(user, label string) *dmMessage {
	s.t.Helper()
	var m *dmMessage
	var b dmButton
	s.waitFor(user+"'s button "+label, func() bool {
		for _, c := range slices.Backward(s.msgs) {
			if c.Channel != dm(user) || c.Pressed || len(c.Updates) > 0 {
				continue
			}
			for _, cb := range c.Buttons {
				if cb.Label == label {
					m, b = c, cb
					return true
				}
			}
		}
		return false
	})
	s.mu.Lock()
	s.seq++
	n := s.seq
	m.Pressed = true
	s.pressed[m.Channel+":"+m.TS] = m
	s.mu.Unlock()
	now := time.Now()
	s.deliver("interactive", map[string]any{
		"type":       "block_actions",
		"user":       map[string]any{"id": user, "username": strings.ToLower(user), "name": strings.ToLower(user), "team_id": s.team},
		"api_app_id": "A0CTDESK01",
		"token":      "unused-verification-token",
		"container":  map[string]any{"type": "message", "message_ts": m.TS, "channel_id": m.Channel, "is_ephemeral": false},
		"trigger_id": fmt.Sprintf("%d.%d.ctdesk%06d", now.Unix(), 1000+n, n),
		"team":       map[string]any{"id": s.team, "domain": "testdomain"},
		"enterprise": nil, "is_enterprise_install": false,
		"channel": map[string]any{"id": m.Channel, "name": "directmessage"},
		"message": map[string]any{"type": "message", "user": "W012A3CDE", "ts": m.TS, "text": m.Text,
			"blocks": m.Blocks},
		"state":        map[string]any{"values": map[string]any{}},
		"response_url": "https://hooks.slack.invalid/actions/" + fmt.Sprint(n),
		"actions": []map[string]any{{"action_id": b.ActionID, "block_id": b.BlockID, "value": b.Value, "type": "button",
			"text":      map[string]any{"type": "plain_text", "text": b.Label, "emoji": true},
			"action_ts": fmt.Sprintf("%d.%06d", now.Unix(), n)}},
	})
	return m
}

// waitText waits for a message to user (posted, or an update) containing want.
func (s *indepSlack) waitText(user, want string) *dmMessage {
	s.t.Helper()
	var got *dmMessage
	s.waitFor(user+"'s message with "+want, func() bool {
		for _, m := range slices.Backward(s.msgs) {
			if m.Channel != dm(user) {
				continue
			}
			if strings.Contains(m.Text, want) {
				got = m
				return true
			}
			for _, u := range m.Updates {
				if strings.Contains(u.Text, want) {
					got = m
					return true
				}
			}
		}
		return false
	})
	return got
}

// waitFor polls cond, with s.mu held, for up to 15 s.
func (s *indepSlack) waitFor(what string, cond func() bool) {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s.mu.Lock()
		ok := cond()
		s.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("timed out waiting for %s\n%s", what, s.transcript())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// transcript lists the calls the bot made, for failure messages.
func (s *indepSlack) transcript() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, c := range s.calls {
		fmt.Fprintf(&b, "%s %s %d ok=%v %s channel=%s text=%.80q\n", c.At.Format("15:04:05.000"), c.Method, c.Status, c.OK, c.Error, c.Form.Get("channel"), c.Form.Get("text"))
	}
	return b.String()
}

// callsSnapshot copies the recorded calls.
func (s *indepSlack) callsSnapshot() []apiCall {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// lockedBuffer is a bytes.Buffer safe for ctdesk's logger and the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
