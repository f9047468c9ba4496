package telegramtest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FailNext makes the next call of method (any case, e.g. "sendMessage") fail with code.
// retryAfter is sent as parameters.retry_after (use it with 429). Calls queue up.
func (s *Server) FailNext(method string, code int, retryAfter int) {
	s.FailNextWith(method, Fault{Code: code, RetryAfter: retryAfter})
}

// FailNextWith is FailNext with a chosen description.
func (s *Server) FailNextWith(method string, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := strings.ToLower(method)
	s.failNext[key] = append(s.failNext[key], f)
}

// SetFault installs a hook asked before every known method is served; a non-nil Fault is
// answered instead. The Call has Method and Params (chat_id among them). nil removes it.
func (s *Server) SetFault(hook func(Call) *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hook = hook
}

// Block makes every send and edit to chatID fail with 403 "Forbidden: bot was blocked by the user".
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock undoes Block.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

func (s *Server) takeFault(method string, call Call) *reply {
	s.mu.Lock()
	var f *Fault
	if q := s.failNext[method]; len(q) > 0 {
		f = &q[0]
		s.failNext[method] = q[1:]
	}
	hook := s.hook
	s.mu.Unlock()
	if f == nil && hook != nil {
		f = hook(call)
	}
	if f == nil {
		return nil
	}
	rep := fail(f.Code, f.Description)
	rep.retryAfter, rep.injected = f.RetryAfter, true
	if rep.desc == "" {
		rep.desc = defaultDescription(f.Code, f.RetryAfter)
	}
	if f.Code == http.StatusTooManyRequests && f.RetryAfter > 0 {
		if chat, err := strconv.ParseInt(call.Params["chat_id"], 10, 64); err == nil {
			s.mu.Lock()
			s.lim.penalize(chat, time.Now().Add(time.Duration(f.RetryAfter)*time.Second))
			s.mu.Unlock()
		}
	}
	return &rep
}

func defaultDescription(code, retryAfter int) string {
	switch code {
	case 400:
		return "Bad Request"
	case 401:
		return "Unauthorized"
	case 403:
		return "Forbidden: bot was blocked by the user"
	case 404:
		return "Not Found"
	case 409:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case 429:
		return "Too Many Requests: retry after " + strconv.Itoa(retryAfter)
	case 500:
		return "Internal Server Error"
	case 502:
		return "Bad Gateway"
	case 503:
		return "Service Unavailable"
	case 504:
		return "Gateway Timeout"
	}
	return http.StatusText(code)
}
