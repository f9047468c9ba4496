package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Ack is an envelope acknowledged by the client.
type Ack struct {
	EnvelopeID string
	Type       string
	// Attempt is the retry_attempt of the delivery acknowledged (0 first).
	Attempt int
	// Latency is the time from sending the envelope to its ack.
	Latency time.Duration
	Payload json.RawMessage
}

// envelope is a Socket Mode request.
type envelope struct {
	ID      string
	Type    string
	Payload json.RawMessage
	Attempt int
	Reason  string
	sentAt  time.Time
	conn    *wsConn
}

// wsConn is one Socket Mode connection.
type wsConn struct {
	ws   *websocket.Conn
	wmu  sync.Mutex
	done chan struct{}
}

type socketState struct {
	tickets map[string]bool
	conns   []*wsConn
	opened  int
	backlog []*envelope
	pending map[string]*envelope
	sent    map[string]*envelope
	acks    []Ack
}

func newSocketState() socketState {
	return socketState{tickets: map[string]bool{}, pending: map[string]*envelope{}, sent: map[string]*envelope{}}
}

// socketURLLocked issues a one-time websocket URL on this host.
func (s *Server) socketURLLocked() string {
	t := fmt.Sprintf("tk%d", s.nextLocked())
	s.sock.tickets[t] = true
	return "ws" + strings.TrimPrefix(s.base, "http") + "/link/?ticket=" + t + "&app_id=A0CTDESK"
}

// serveSocket runs a Socket Mode connection.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	t := r.URL.Query().Get("ticket")
	ok := s.sock.tickets[t]
	delete(s.sock.tickets, t)
	s.mu.Unlock()
	if !ok {
		http.Error(w, "invalid ticket", http.StatusUnauthorized)
		return
	}
	ws, err := s.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &wsConn{ws: ws, done: make(chan struct{})}
	hello := map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]any{"app_id": "A0CTDESK"},
		"debug_info":      map[string]any{"host": "slacktest", "approximate_connection_time": 3600}}
	if err := c.write(hello); err != nil {
		_ = ws.Close()
		return
	}
	s.mu.Lock()
	s.sock.conns = append(s.sock.conns, c)
	s.sock.opened++
	backlog := s.sock.backlog
	s.sock.backlog = nil
	for _, e := range backlog {
		s.sendLocked(c, e)
	}
	s.mu.Unlock()

	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.ping(c)
	}()
	s.readAcks(c)
}

// ping sends websocket pings, as Slack does, until the connection ends.
func (s *Server) ping(c *wsConn) {
	t := time.NewTicker(s.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-s.closing:
			return
		case <-t.C:
			c.wmu.Lock()
			err := c.ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(5*time.Second))
			c.wmu.Unlock()
			if err != nil {
				return
			}
		}
	}
}

// readAcks records acks until the connection ends; envelopes left unacked
// on it are redelivered on another connection, as Slack does.
func (s *Server) readAcks(c *wsConn) {
	defer close(c.done)
	for {
		var a struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if err := c.ws.ReadJSON(&a); err != nil {
			break
		}
		s.mu.Lock()
		if e, ok := s.sock.pending[a.EnvelopeID]; ok {
			delete(s.sock.pending, a.EnvelopeID)
			s.sock.acks = append(s.sock.acks, Ack{EnvelopeID: e.ID, Type: e.Type, Attempt: e.Attempt,
				Latency: time.Since(e.sentAt), Payload: a.Payload})
		}
		s.mu.Unlock()
	}
	_ = c.ws.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, x := range s.sock.conns {
		if x == c {
			s.sock.conns = append(s.sock.conns[:i], s.sock.conns[i+1:]...)
			break
		}
	}
	for id, e := range s.sock.pending {
		if e.conn == c {
			delete(s.sock.pending, id)
			s.retryLocked(e, "timeout")
		}
	}
}

// deliverLocked sends an envelope to the newest connection, or keeps it
// until a client connects.
func (s *Server) deliverLocked(e *envelope) {
	s.sock.sent[e.ID] = e
	if n := len(s.sock.conns); n > 0 {
		s.sendLocked(s.sock.conns[n-1], e)
		return
	}
	s.sock.backlog = append(s.sock.backlog, e)
}

// retryLocked delivers an envelope again with the next retry_attempt.
func (s *Server) retryLocked(e *envelope, reason string) {
	r := &envelope{ID: e.ID, Type: e.Type, Payload: e.Payload, Attempt: e.Attempt + 1, Reason: reason}
	s.deliverLocked(r)
}

// sendLocked writes an envelope; a write that fails leaves it for the retry
// that follows the connection's end.
func (s *Server) sendLocked(c *wsConn, e *envelope) {
	e.conn, e.sentAt = c, time.Now()
	s.sock.pending[e.ID] = e
	msg := map[string]any{"type": e.Type, "envelope_id": e.ID, "payload": e.Payload,
		"accepts_response_payload": e.Type != "events_api", "retry_attempt": e.Attempt, "retry_reason": e.Reason}
	if err := c.write(msg); err != nil {
		s.logf("slacktest: send envelope %s: %v", e.ID, err)
	}
}

func (c *wsConn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	return c.ws.WriteJSON(v)
}

// Disconnect asks every connected client to reconnect (Slack's
// "refresh_requested"); envelopes not yet acked are delivered again.
func (s *Server) Disconnect() {
	s.mu.Lock()
	conns := append([]*wsConn(nil), s.sock.conns...)
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.write(map[string]any{"type": "disconnect", "reason": "refresh_requested",
			"debug_info": map[string]any{"host": "slacktest"}})
	}
}

// Drop closes every connection abruptly, as a network failure would.
func (s *Server) Drop() { s.closeSockets() }

func (s *Server) closeSockets() {
	s.mu.Lock()
	conns := append([]*wsConn(nil), s.sock.conns...)
	s.mu.Unlock()
	for _, c := range conns {
		_ = c.ws.Close()
	}
}

// Redeliver sends an envelope again, as Slack does when it did not see the
// ack (or the HTTP answer) in time: same id and payload, retry_attempt (or
// X-Slack-Retry-Num) one higher.
func (s *Server) Redeliver(id string) error {
	s.mu.Lock()
	e, ok := s.sock.sent[id]
	if !ok {
		s.mu.Unlock()
		return fmt.Errorf("slacktest: no delivery %s", id)
	}
	if s.http.url == "" {
		s.retryLocked(e, "timeout")
		s.mu.Unlock()
		return nil
	}
	r := &envelope{ID: e.ID, Type: e.Type, Payload: e.Payload, Attempt: e.Attempt + 1, Reason: "http_timeout"}
	s.sock.sent[id] = r
	t := s.http
	s.mu.Unlock()
	s.post(t, r, nil)
	return nil
}

// Connections is how many Socket Mode connections were opened so far, and
// how many are open now.
func (s *Server) Connections() (opened, open int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sock.opened, len(s.sock.conns)
}

// Acks returns the acknowledged envelopes in order.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.sock.acks...)
}

// Unacked is how many delivered envelopes wait for their ack.
func (s *Server) Unacked() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sock.pending) + len(s.sock.backlog)
}
