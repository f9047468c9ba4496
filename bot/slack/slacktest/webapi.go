package slacktest

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// apiError is Slack's answer to a refused call.
type apiError struct {
	OK    bool   `json:"ok"`
	Error string `json:"error"`
}

// serveAPI answers /api/<method>.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request) {
	method := r.PathValue("method")
	params := map[string]string{}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var body map[string]any
		data, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		_ = json.Unmarshal(data, &body)
		for k, v := range body {
			if str, ok := v.(string); ok {
				params[k] = str
			} else {
				b, _ := json.Marshal(v)
				params[k] = string(b)
			}
		}
	} else if err := r.ParseForm(); err == nil {
		for k, v := range r.Form {
			params[k] = v[0]
		}
	}
	token := params["token"]
	if h, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		token = h
	}
	delete(params, "token")

	s.mu.Lock()
	call := Call{Method: method, Params: params, At: time.Now()}
	if q := s.faults[method]; len(q) > 0 {
		f := q[0]
		s.faults[method] = q[1:]
		call.Error = f.Error
		s.calls = append(s.calls, call)
		s.mu.Unlock()
		if f.RetryAfter > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
		}
		writeJSON(w, max(f.Status, http.StatusOK), apiError{Error: f.Error})
		return
	}
	want := s.botToken
	if method == "apps.connections.open" {
		want = s.appToken
	}
	var status int
	var out any
	switch {
	case token == "":
		out = apiError{Error: "not_authed"}
	case token != want:
		out = apiError{Error: "invalid_auth"}
	default:
		status, out = s.methodLocked(method, params)
	}
	if e, ok := out.(apiError); ok {
		call.Error = e.Error
		if e.Error == "invalid_blocks" || e.Error == "invalid_arguments" || e.Error == "no_text" || e.Error == "msg_too_long" {
			s.malformed++
		}
	}
	s.calls = append(s.calls, call)
	s.mu.Unlock()
	writeJSON(w, max(status, http.StatusOK), out)
}

// methodLocked runs a Web API method.
func (s *Server) methodLocked(method string, p map[string]string) (int, any) {
	switch method {
	case "auth.test":
		return 0, map[string]any{"ok": true, "url": s.base + "/", "team": "ctdesk", "user": "ctdesk",
			"team_id": TeamID, "user_id": BotUserID, "bot_id": "B0CTDESK"}
	case "apps.connections.open":
		return 0, map[string]any{"ok": true, "url": s.socketURLLocked()}
	case "conversations.open":
		return s.openIMLocked(p)
	case "users.info":
		u, ok := s.users[p["user"]]
		if !ok {
			return 0, apiError{Error: "user_not_found"}
		}
		return 0, map[string]any{"ok": true, "user": map[string]any{"id": u.ID, "name": u.Name, "real_name": u.Name,
			"deleted": u.Disabled, "profile": map[string]any{"real_name": u.Name, "display_name": u.Name}}}
	case "chat.postMessage":
		return s.postMessageLocked(p)
	case "chat.update":
		return s.updateMessageLocked(p)
	case "chat.delete":
		return s.deleteMessageLocked(p)
	case "chat.postEphemeral":
		return s.postEphemeralLocked(p)
	case "files.getUploadURLExternal":
		return s.uploadURLLocked(p)
	case "files.completeUploadExternal":
		return s.completeUploadLocked(p)
	case "files.info":
		f, ok := s.files[p["file"]]
		if !ok || !f.complete {
			return 0, apiError{Error: "file_not_found"}
		}
		return 0, map[string]any{"ok": true, "file": s.wireFile(f), "comments": []any{}, "paging": map[string]any{}}
	}
	return http.StatusNotFound, apiError{Error: "unknown_method"}
}

// openIMLocked answers conversations.open for one user.
func (s *Server) openIMLocked(p map[string]string) (int, any) {
	users := strings.Split(p["users"], ",")
	if p["users"] == "" || len(users) != 1 {
		return 0, apiError{Error: "invalid_arguments"}
	}
	u, ok := s.users[users[0]]
	switch {
	case !ok:
		return 0, apiError{Error: "user_not_found"}
	case u.Disabled:
		return 0, apiError{Error: "user_disabled"}
	}
	id, already := s.ims[u.ID]
	if !already {
		id = s.imLocked(u.ID)
	}
	return 0, map[string]any{"ok": true, "already_open": already, "no_op": already,
		"channel": map[string]any{"id": id, "is_im": true, "user": u.ID}}
}
