package slacktest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// httpTarget is where the app receives requests in HTTP mode.
type httpTarget struct {
	url    string
	secret string
	clock  func() time.Time
	// deliveries are the requests made, for inspection and Replay.
	deliveries []Delivery
}

// Delivery is one signed request the fake made to the app, with the answer.
type Delivery struct {
	ID      string
	Path    string
	Attempt int
	Status  int
	Body    string
	Latency time.Duration
	header  http.Header
	raw     []byte
}

// UseHTTP makes the fake deliver by HTTP to the app at base (its
// /slack/events, /slack/interactivity and /slack/commands), signing each
// request with secret; an empty secret sends no signature at all.
func (s *Server) UseHTTP(base, secret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.http.url, s.http.secret = base, secret
	if s.http.clock == nil {
		s.http.clock = time.Now
	}
}

// SignAt sets the clock whose time signs requests (time.Now by default), to
// send stale timestamps.
func (s *Server) SignAt(clock func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.http.clock = clock
}

// Sign returns the v0 signature of a request body, as Slack computes it.
func Sign(secret string, ts time.Time, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%d:", ts.Unix())
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// post sends an envelope's payload to the app as Slack's HTTP delivery does;
// replay, when given, is sent again byte for byte (same timestamp and signature).
func (s *Server) post(t httpTarget, e *envelope, replay *Delivery) Delivery {
	d := Delivery{ID: e.ID, Attempt: e.Attempt}
	var ctype string
	switch e.Type {
	case "events_api":
		d.Path, ctype, d.raw = "/slack/events", "application/json", e.Payload
	case "interactive":
		d.Path, ctype = "/slack/interactivity", "application/x-www-form-urlencoded"
		d.raw = []byte(url.Values{"payload": {string(e.Payload)}}.Encode())
	default:
		d.Path, ctype, d.raw = "/slack/commands", "application/x-www-form-urlencoded", []byte(formOf(e.Payload))
	}
	d.header = http.Header{"Content-Type": {ctype}}
	if t.secret != "" {
		ts := t.clock()
		d.header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts.Unix(), 10))
		d.header.Set("X-Slack-Signature", Sign(t.secret, ts, d.raw))
	}
	if e.Attempt > 0 {
		d.header.Set("X-Slack-Retry-Num", strconv.Itoa(e.Attempt))
		d.header.Set("X-Slack-Retry-Reason", "http_timeout")
	}
	if replay != nil {
		d.Path, d.raw, d.header = replay.Path, replay.raw, replay.header.Clone()
	}
	req, err := http.NewRequest(http.MethodPost, t.url+d.Path, bytes.NewReader(d.raw))
	if err != nil {
		d.Body = err.Error()
		return s.record(d)
	}
	req.Header = d.header.Clone()
	start := time.Now()
	// Slack gives up on an answer after 3 seconds.
	resp, err := (&http.Client{Timeout: 3 * time.Second}).Do(req)
	d.Latency = time.Since(start)
	if err != nil {
		d.Body = err.Error()
		return s.record(d)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	_ = resp.Body.Close()
	d.Status, d.Body = resp.StatusCode, string(body)
	return s.record(d)
}

func (s *Server) record(d Delivery) Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.http.deliveries = append(s.http.deliveries, d)
	return d
}

// Replay sends the last request of a delivery again byte for byte, as an
// attacker who captured it would; it returns the answer.
func (s *Server) Replay(id string) (Delivery, error) {
	s.mu.Lock()
	var last *Delivery
	for i := range s.http.deliveries {
		if s.http.deliveries[i].ID == id {
			last = &s.http.deliveries[i]
		}
	}
	e, t := s.sock.sent[id], s.http
	s.mu.Unlock()
	if last == nil || e == nil {
		return Delivery{}, fmt.Errorf("slacktest: no delivery %s", id)
	}
	return s.post(t, e, last), nil
}

// Deliveries returns the HTTP requests made to the app, in order.
func (s *Server) Deliveries() []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivery(nil), s.http.deliveries...)
}
