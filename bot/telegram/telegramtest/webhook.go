package telegramtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"
)

func validSecret(s string) bool {
	if len(s) < 1 || len(s) > 256 {
		return false
	}
	for _, c := range []byte(s) {
		if !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

func (s *Server) setWebhook(req *request) reply {
	raw := req.get("url")
	if raw == "" {
		return s.deleteWebhook(req)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	secret := req.get("secret_token")
	if req.has("secret_token") && !validSecret(secret) {
		return badRequest("secret token contains unallowed characters")
	}
	maxConn, present, ok := req.integer("max_connections")
	if !ok || present && (maxConn < 1 || maxConn > 100) {
		return badRequest("bad webhook: max_connections must be between 1 and 100")
	}
	if !present {
		maxConn = 40
	}
	var allowed []string
	if a := req.get("allowed_updates"); a != "" {
		if json.Unmarshal([]byte(a), &allowed) != nil {
			return badRequest("can't parse allowed updates")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.boolean("drop_pending_updates") {
		s.state.queue = nil
	}
	s.state.webhook = &WebhookState{URL: raw, SecretToken: secret, DropPendingUpdates: req.boolean("drop_pending_updates"),
		MaxConnections: int(maxConn), AllowedUpdates: allowed, SetAt: time.Now()}
	s.state.errDate, s.state.errMsg = time.Time{}, ""
	s.notifyLocked()
	return okReply(true)
}

func (s *Server) deleteWebhook(req *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if req.boolean("drop_pending_updates") {
		s.state.queue = nil
	}
	s.state.webhook = nil
	s.notifyLocked()
	return okReply(true)
}

func (s *Server) getWebhookInfo(*request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := wireWebhookInfo{PendingUpdateCount: len(s.state.queue)}
	if w := s.state.webhook; w != nil {
		info.URL, info.MaxConnections, info.AllowedUpdates = w.URL, w.MaxConnections, w.AllowedUpdates
		if !s.state.errDate.IsZero() {
			info.LastErrorDate, info.LastErrorMessage = s.state.errDate.Unix(), s.state.errMsg
		}
	}
	return okReply(info)
}

// webhookWorker POSTs queued updates, oldest first, while a webhook is set.
func (s *Server) webhookWorker() {
	defer s.workers.Done()
	client := &http.Client{Timeout: s.cfg.hookTimeout}
	for {
		s.mu.Lock()
		w := s.state.webhook
		if w == nil || len(s.state.queue) == 0 {
			ch := s.state.notify
			s.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-s.closing:
				return
			}
		}
		hook, q := *w, s.state.queue[0]
		s.mu.Unlock()

		errMsg := post(client, hook, q.body)

		s.mu.Lock()
		head := len(s.state.queue) > 0 && s.state.queue[0].id == q.id
		var pause time.Duration
		switch {
		case errMsg == "":
			if s.state.webhook != nil {
				s.state.webhook.Deliveries++
			}
			if head {
				s.state.queue = s.state.queue[1:]
			}
		case s.state.webhook != nil && head:
			s.state.webhook.Failures++
			s.state.errDate, s.state.errMsg = time.Now(), errMsg
			s.state.queue[0].attempts++
			if s.state.queue[0].attempts >= s.cfg.hookAttempts {
				s.state.webhook.Dropped++
				s.state.queue = s.state.queue[1:]
			} else {
				pause = s.cfg.hookBackoff << (s.state.queue[0].attempts - 1)
			}
		}
		s.mu.Unlock()
		if pause > 0 {
			select {
			case <-time.After(pause):
			case <-s.closing:
				return
			}
		}
	}
}

// post delivers one update and returns an error text like getWebhookInfo's, or "".
func post(client *http.Client, hook WebhookState, body []byte) string {
	req, err := http.NewRequest(http.MethodPost, hook.URL, bytes.NewReader(body))
	if err != nil {
		return err.Error()
	}
	req.Header.Set("Content-Type", "application/json")
	if hook.SecretToken != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", hook.SecretToken)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "Connection refused"
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Sprintf("Wrong response from the webhook: %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	return ""
}
