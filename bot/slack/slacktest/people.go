package slacktest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"time"
)

// Say is a person writing text in their direct message with the bot. It
// returns the id of the delivery (envelope id), for Redeliver and Replay.
func (s *Server) Say(user, text string) string {
	s.mu.Lock()
	m := s.personMessageLocked(user, text)
	ev := map[string]any{"type": "message", "channel": m.Channel, "user": user, "text": markup(text), "ts": m.TS,
		"event_ts": m.TS, "channel_type": "im", "client_msg_id": fmt.Sprintf("cm-%d", s.nextLocked())}
	body := s.eventLocked(ev)
	s.mu.Unlock()
	return s.emit("events_api", body)
}

// Share is a person sharing a file in their direct message, with an
// optional comment.
func (s *Server) Share(user, name, mime string, data []byte, comment string) string {
	s.mu.Lock()
	m := s.personMessageLocked(user, comment)
	f := &File{ID: fmt.Sprintf("F%07d", s.nextLocked()), Name: name, Title: name, MIME: mime,
		Data: append([]byte(nil), data...), User: user, size: len(data), complete: true}
	s.files[f.ID] = f
	m.Files = append(m.Files, *f)
	ev := map[string]any{"type": "message", "subtype": "file_share", "channel": m.Channel, "user": user,
		"text": markup(comment), "ts": m.TS, "event_ts": m.TS, "channel_type": "im", "upload": true,
		"files": []any{s.wireFile(f)}}
	body := s.eventLocked(ev)
	s.mu.Unlock()
	return s.emit("events_api", body)
}

// Mention is a person mentioning the bot in a channel.
func (s *Server) Mention(user, channelID, text string) string {
	s.mu.Lock()
	s.userLocked(user)
	ts := s.tsLocked()
	ev := map[string]any{"type": "app_mention", "channel": channelID, "user": user,
		"text": "<@" + BotUserID + "> " + markup(text), "ts": ts, "event_ts": ts}
	body := s.eventLocked(ev)
	s.mu.Unlock()
	return s.emit("events_api", body)
}

// Slash is a person running a slash command (for example "/ctdesk") in the
// channel given, or in their direct message when channelID is "".
func (s *Server) Slash(user, channelID, command, text string) string {
	s.mu.Lock()
	u := s.userLocked(user)
	if channelID == "" {
		channelID = s.ims[user]
		if channelID == "" {
			channelID = s.imLocked(user)
		}
	}
	n := s.nextLocked()
	fields := map[string]string{"token": "verification-token", "team_id": TeamID, "team_domain": "ctdesk",
		"channel_id": channelID, "channel_name": "directmessage", "user_id": user, "user_name": u.Name,
		"command": command, "text": text, "api_app_id": "A0CTDESK", "is_enterprise_install": "false",
		"response_url": fmt.Sprintf("%s/respond/%d", s.base, n), "trigger_id": fmt.Sprintf("%d.%d.slash", n, n)}
	s.mu.Unlock()
	body, _ := json.Marshal(fields)
	return s.emit("slash_commands", body)
}

// Press is a person pressing the button with the label on a message as
// they see it. m may be an old copy: a press on a button that an update
// already removed is what a stale client sends.
func (s *Server) Press(user string, m Message, label string) (string, error) {
	var b *Button
	for _, row := range m.Buttons {
		for i := range row {
			if row[i].Text == label {
				b = &row[i]
			}
		}
	}
	if b == nil {
		return "", fmt.Errorf("slacktest: message %s has no button %q", m.TS, label)
	}
	s.mu.Lock()
	u := s.userLocked(user)
	n := s.nextLocked()
	actionTS := fmt.Sprintf("1764172900.%06d", n)
	payload := map[string]any{
		"type": "block_actions", "token": "verification-token", "api_app_id": "A0CTDESK",
		"user":         map[string]any{"id": user, "username": u.Name, "name": u.Name, "team_id": TeamID},
		"team":         map[string]any{"id": TeamID, "domain": "ctdesk"},
		"container":    map[string]any{"type": "message", "message_ts": m.TS, "channel_id": m.Channel, "is_ephemeral": false},
		"channel":      map[string]any{"id": m.Channel, "name": "directmessage"},
		"message":      map[string]any{"type": "message", "user": m.User, "ts": m.TS, "text": m.Text},
		"trigger_id":   fmt.Sprintf("%d.%d.trigger", n, n),
		"response_url": fmt.Sprintf("%s/respond/%d", s.base, n),
		"state":        map[string]any{"values": map[string]any{}},
		"actions": []any{map[string]any{"type": "button", "action_id": b.ActionID, "block_id": b.BlockID,
			"value": b.Value, "text": map[string]any{"type": "plain_text", "text": b.Text}, "action_ts": actionTS}},
	}
	s.mu.Unlock()
	body, _ := json.Marshal(payload)
	return s.emit("interactive", body), nil
}

// personMessageLocked records a person's message in their DM.
func (s *Server) personMessageLocked(user, text string) *Message {
	s.userLocked(user)
	id := s.ims[user]
	if id == "" {
		id = s.imLocked(user)
	}
	m := &Message{Channel: id, TS: s.tsLocked(), User: user, Text: text}
	c := s.channels[id]
	c.msgs = append(c.msgs, m)
	return m
}

// eventLocked wraps an inner event in the Events API callback.
func (s *Server) eventLocked(ev map[string]any) []byte {
	body, _ := json.Marshal(map[string]any{
		"token": "verification-token", "team_id": TeamID, "api_app_id": "A0CTDESK", "type": "event_callback",
		"event_id": fmt.Sprintf("Ev%08d", s.nextLocked()), "event_time": time.Now().Unix(),
		"event_context": "4-fake", "is_ext_shared_channel": false,
		"authorizations": []any{map[string]any{"team_id": TeamID, "user_id": BotUserID, "is_bot": true}},
		"event":          ev,
	})
	return body
}

// emit delivers a payload by Socket Mode or HTTP, whichever the app uses.
func (s *Server) emit(kind string, payload []byte) string {
	s.mu.Lock()
	e := &envelope{ID: fmt.Sprintf("env-%06d", s.nextLocked()), Type: kind, Payload: payload}
	target := s.http
	if target.url == "" {
		s.deliverLocked(e)
		s.mu.Unlock()
		return e.ID
	}
	s.sock.sent[e.ID] = e
	s.mu.Unlock()
	s.post(target, e, nil)
	return e.ID
}

// formOf turns a slash command's fields into its form body.
func formOf(payload []byte) string {
	var fields map[string]string
	_ = json.Unmarshal(payload, &fields)
	v := url.Values{}
	for k, x := range fields {
		v.Set(k, x)
	}
	return v.Encode()
}
