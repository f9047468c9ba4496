package slacktest

import (
	"strings"
	"testing"
	"time"
)

// Messages returns the messages of a person's direct message with the bot,
// oldest first, with updates applied.
func (s *Server) Messages(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[s.ims[user]]
	if c == nil {
		return nil
	}
	out := make([]Message, 0, len(c.msgs))
	for _, m := range c.msgs {
		out = append(out, copyMessage(m))
	}
	return out
}

// BotMessages returns the messages the bot wrote to a person.
func (s *Server) BotMessages(user string) []Message {
	var out []Message
	for _, m := range s.Messages(user) {
		if m.User == BotUserID {
			out = append(out, m)
		}
	}
	return out
}

// Ephemerals returns the messages only the person saw (chat.postEphemeral).
func (s *Server) Ephemerals(user string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channels[s.ims[user]]
	if c == nil {
		return nil
	}
	return append([]Message(nil), c.ephemerals...)
}

// Calls returns the Web API calls of a method ("" for all), in order.
func (s *Server) Calls(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Malformed counts the calls refused as Slack would refuse them (bad
// blocks, missing text, wrong upload length).
func (s *Server) Malformed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.malformed
}

// Full is what a person reads of a message: its sections, or its text.
func (m Message) Full() string {
	if len(m.Sections) > 0 {
		return strings.Join(m.Sections, "\n")
	}
	return m.Text
}

// Labels returns the labels of the message's buttons, row after row.
func (m Message) Labels() []string {
	var out []string
	for _, row := range m.Buttons {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// WaitFor polls cond until it holds, failing the test after timeout.
func WaitFor(tb testing.TB, what string, timeout time.Duration, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("slacktest: timed out after %s waiting for %s", timeout, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// WaitMessage waits for a bot message to the person whose text contains
// substr, after the first skip bot messages, and returns it.
func (s *Server) WaitMessage(tb testing.TB, user string, skip int, substr string, timeout time.Duration) Message {
	tb.Helper()
	var found Message
	WaitFor(tb, "a message to "+user+" with "+substr, timeout, func() bool {
		msgs := s.BotMessages(user)
		for i := skip; i < len(msgs); i++ {
			if strings.Contains(msgs[i].Full(), substr) {
				found = msgs[i]
				return true
			}
		}
		return false
	})
	return found
}
