package telegramtest

import (
	"maps"
	"strings"
	"testing"
	"time"
)

// Messages is what chatID shows now, oldest first: the users' messages and the bot's, with
// edits applied and deleted messages left out.
func (s *Server) Messages(chatID int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chatID]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.msgs))
	for _, m := range c.msgs {
		if !m.deleted {
			out = append(out, m.public())
		}
	}
	return out
}

// BotMessages is Messages limited to what the bot sent.
func (s *Server) BotMessages(chatID int64) []Message {
	var out []Message
	for _, m := range s.Messages(chatID) {
		if m.FromBot {
			out = append(out, m)
		}
	}
	return out
}

// Chats lists the ids of every chat with at least one message.
func (s *Server) Chats() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []int64
	for id, c := range s.chats {
		if len(c.msgs) > 0 {
			out = append(out, id)
		}
	}
	return out
}

// Sent is every request the bot made (API calls and downloads), in the order they were answered.
func (s *Server) Sent() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Call, len(s.calls))
	for i, c := range s.calls {
		c.Params = maps.Clone(c.Params)
		out[i] = c
	}
	return out
}

// Calls is Sent limited to one method (compared without case).
func (s *Server) Calls(method string) []Call {
	var out []Call
	for _, c := range s.Sent() {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// Errors is Sent limited to the requests not answered 200.
func (s *Server) Errors() []Call {
	var out []Call
	for _, c := range s.Sent() {
		if c.Status != 200 {
			out = append(out, c)
		}
	}
	return out
}

// Malformed counts requests Telegram would reject as the bot's fault: 400, 401, 404 and 413
// answers (injected faults excluded).
func (s *Server) Malformed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.malformed
}

// TooMany counts 429 answers given by the rate limits, including sends made before an earlier
// 429's retry_after had passed (injected 429s excluded; see Injected).
func (s *Server) TooMany() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tooMany
}

// Injected counts answers given by FailNext and SetFault.
func (s *Server) Injected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.injected
}

// Answers lists the answerCallbackQuery calls accepted, in order.
func (s *Server) Answers() []Answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Answer(nil), s.answers...)
}

// Webhook is the webhook set now, if any.
func (s *Server) Webhook() (WebhookState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state.webhook == nil {
		return WebhookState{}, false
	}
	w := *s.state.webhook
	w.AllowedUpdates = append([]string(nil), w.AllowedUpdates...)
	return w, true
}

// Pending counts updates not yet confirmed by getUpdates (or not yet delivered to the webhook).
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.state.queue)
}

// Confirmed counts updates confirmed through getUpdates offsets.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.confirms
}

// LastUpdateID is the update_id of the most recent update created.
func (s *Server) LastUpdateID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.nextID
}

// WaitFor polls cond until it is true, failing the test after timeout.
func WaitFor(tb testing.TB, cond func() bool, timeout time.Duration) {
	tb.Helper()
	if !waitUntil(timeout, cond) {
		tb.Fatalf("telegramtest: condition not met within %v", timeout)
	}
}

// WaitMessage waits until the bot's messages in chatID include one whose text or caption
// contains substr and returns the newest such message; it fails the test after timeout.
func (s *Server) WaitMessage(tb testing.TB, chatID int64, substr string, timeout time.Duration) Message {
	tb.Helper()
	var found Message
	ok := waitUntil(timeout, func() bool {
		msgs := s.BotMessages(chatID)
		for i := len(msgs) - 1; i >= 0; i-- {
			if strings.Contains(msgs[i].Text, substr) || strings.Contains(msgs[i].Caption, substr) {
				found = msgs[i]
				return true
			}
		}
		return false
	})
	if !ok {
		var texts []string
		for _, m := range s.BotMessages(chatID) {
			texts = append(texts, m.Text+m.Caption)
		}
		tb.Fatalf("telegramtest: no bot message in chat %d contains %q within %v; bot messages: %q", chatID, substr, timeout, texts)
	}
	return found
}

// WaitNewMessage waits for the bot to send chatID a message with id greater than afterID and
// returns the first one; it fails the test after timeout.
func (s *Server) WaitNewMessage(tb testing.TB, chatID int64, afterID int, timeout time.Duration) Message {
	tb.Helper()
	var found Message
	ok := waitUntil(timeout, func() bool {
		for _, m := range s.BotMessages(chatID) {
			if m.ID > afterID {
				found = m
				return true
			}
		}
		return false
	})
	if !ok {
		tb.Fatalf("telegramtest: no new bot message in chat %d after #%d within %v", chatID, afterID, timeout)
	}
	return found
}

func waitUntil(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
	return true
}

// LastMessageID is the id of the newest message in chatID (0 when there is none), for
// WaitNewMessage.
func (s *Server) LastMessageID(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chatID]; c != nil {
		return c.nextID
	}
	return 0
}
