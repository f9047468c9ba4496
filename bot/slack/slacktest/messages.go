package slacktest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// channel is a conversation: here, a direct message between the bot and one user.
type channel struct {
	id         string
	user       string
	msgs       []*Message
	ephemerals []Message
}

// Message is a message in a channel as people see it, with updates applied.
type Message struct {
	Channel string
	TS      string
	// User is who wrote it: a member id, or BotUserID for the bot.
	User string
	Text string
	// Sections are the texts of the section blocks, in order.
	Sections []string
	// Buttons are the buttons of the actions blocks, one row per block.
	Buttons [][]Button
	Files   []File
	// Updates counts chat.update calls on the message.
	Updates int
	// Blocks is the raw Block Kit JSON last given.
	Blocks json.RawMessage
}

// Button is a Block Kit button under a message.
type Button struct {
	Text     string
	ActionID string
	BlockID  string
	Value    string
}

// wireBlock is the part of a Block Kit block the fake reads.
type wireBlock struct {
	Type    string `json:"type"`
	BlockID string `json:"block_id"`
	Text    *struct {
		Type string `json:"type"`
		Text string `json:"text"`
	} `json:"text"`
	Elements []struct {
		Type     string `json:"type"`
		ActionID string `json:"action_id"`
		Value    string `json:"value"`
		Text     struct {
			Type string `json:"type"`
			Text string `json:"text"`
		} `json:"text"`
	} `json:"elements"`
}

// parseBlocks checks blocks as Slack does and extracts sections and buttons.
func parseBlocks(raw string) (sections []string, buttons [][]Button, err error) {
	if raw == "" {
		return nil, nil, nil
	}
	var blocks []wireBlock
	if err := json.Unmarshal([]byte(raw), &blocks); err != nil {
		return nil, nil, fmt.Errorf("blocks: %w", err)
	}
	if len(blocks) > 50 {
		return nil, nil, fmt.Errorf("%d blocks, more than 50", len(blocks))
	}
	ids := map[string]bool{}
	for _, b := range blocks {
		switch b.Type {
		case "section":
			if b.Text == nil || b.Text.Text == "" || utf8.RuneCountInString(b.Text.Text) > 3000 {
				return nil, nil, fmt.Errorf("section text empty or over 3000 characters")
			}
			text := b.Text.Text
			if b.Text.Type == "mrkdwn" {
				text = unescape(text)
			}
			sections = append(sections, text)
		case "actions":
			if len(b.Elements) == 0 || len(b.Elements) > 25 {
				return nil, nil, fmt.Errorf("actions block with %d elements", len(b.Elements))
			}
			var row []Button
			for _, e := range b.Elements {
				switch {
				case e.Type != "button":
					return nil, nil, fmt.Errorf("element %q is not a button", e.Type)
				case e.Text.Type != "plain_text" || e.Text.Text == "" || utf8.RuneCountInString(e.Text.Text) > 75:
					return nil, nil, fmt.Errorf("button text %q", e.Text.Text)
				case len(e.Value) > 2000 || e.ActionID == "" || len(e.ActionID) > 255 || ids[e.ActionID]:
					return nil, nil, fmt.Errorf("button %q: bad value or action_id", e.Text.Text)
				}
				ids[e.ActionID] = true
				row = append(row, Button{Text: e.Text.Text, ActionID: e.ActionID, BlockID: b.BlockID, Value: e.Value})
			}
			buttons = append(buttons, row)
		case "divider", "context", "header", "image", "file":
		default:
			return nil, nil, fmt.Errorf("block type %q", b.Type)
		}
	}
	return sections, buttons, nil
}

// imLocked creates the direct message channel of a user.
func (s *Server) imLocked(user string) string {
	id := "D" + user
	s.ims[user] = id
	s.channels[id] = &channel{id: id, user: user}
	return id
}

// postMessageLocked answers chat.postMessage.
func (s *Server) postMessageLocked(p map[string]string) (int, any) {
	c, ok := s.channels[p["channel"]]
	if !ok {
		return 0, apiError{Error: "channel_not_found"}
	}
	if u := s.users[c.user]; u != nil && u.Disabled {
		return 0, apiError{Error: "user_disabled"}
	}
	if p["text"] == "" && p["blocks"] == "" {
		return 0, apiError{Error: "no_text"}
	}
	if utf8.RuneCountInString(p["text"]) > 40000 {
		return 0, apiError{Error: "msg_too_long"}
	}
	sections, buttons, err := parseBlocks(p["blocks"])
	if err != nil {
		s.logf("slacktest: chat.postMessage: %v", err)
		return 0, apiError{Error: "invalid_blocks"}
	}
	m := &Message{Channel: c.id, TS: s.tsLocked(), User: BotUserID, Text: unescape(p["text"]), Sections: sections,
		Buttons: buttons, Blocks: json.RawMessage(p["blocks"])}
	c.msgs = append(c.msgs, m)
	return 0, map[string]any{"ok": true, "channel": c.id, "ts": m.TS,
		"message": map[string]any{"type": "message", "user": BotUserID, "text": m.Text, "ts": m.TS}}
}

// updateMessageLocked answers chat.update.
func (s *Server) updateMessageLocked(p map[string]string) (int, any) {
	c, ok := s.channels[p["channel"]]
	if !ok {
		return 0, apiError{Error: "channel_not_found"}
	}
	var m *Message
	for _, x := range c.msgs {
		if x.TS == p["ts"] {
			m = x
		}
	}
	switch {
	case m == nil:
		return 0, apiError{Error: "message_not_found"}
	case m.User != BotUserID:
		return 0, apiError{Error: "cant_update_message"}
	case p["text"] == "" && p["blocks"] == "":
		return 0, apiError{Error: "no_text"}
	}
	sections, buttons, err := parseBlocks(p["blocks"])
	if err != nil {
		s.logf("slacktest: chat.update: %v", err)
		return 0, apiError{Error: "invalid_blocks"}
	}
	m.Text, m.Sections, m.Buttons, m.Blocks = unescape(p["text"]), sections, buttons, json.RawMessage(p["blocks"])
	m.Updates++
	return 0, map[string]any{"ok": true, "channel": c.id, "ts": m.TS, "text": m.Text}
}

// deleteMessageLocked answers chat.delete: the bot's message leaves the
// channel (Messages no longer lists it).
func (s *Server) deleteMessageLocked(p map[string]string) (int, any) {
	c, ok := s.channels[p["channel"]]
	if !ok {
		return 0, apiError{Error: "channel_not_found"}
	}
	for i, m := range c.msgs {
		if m.TS != p["ts"] {
			continue
		}
		if m.User != BotUserID {
			return 0, apiError{Error: "cant_delete_message"}
		}
		c.msgs = append(c.msgs[:i], c.msgs[i+1:]...)
		return 0, map[string]any{"ok": true, "channel": c.id, "ts": m.TS}
	}
	return 0, apiError{Error: "message_not_found"}
}

// postEphemeralLocked answers chat.postEphemeral.
func (s *Server) postEphemeralLocked(p map[string]string) (int, any) {
	c, ok := s.channels[p["channel"]]
	if !ok {
		return 0, apiError{Error: "channel_not_found"}
	}
	if p["user"] != c.user {
		return 0, apiError{Error: "user_not_in_channel"}
	}
	if p["text"] == "" && p["blocks"] == "" {
		return 0, apiError{Error: "no_text"}
	}
	m := Message{Channel: c.id, TS: s.tsLocked(), User: BotUserID, Text: unescape(p["text"])}
	c.ephemerals = append(c.ephemerals, m)
	return 0, map[string]any{"ok": true, "message_ts": m.TS}
}

// copyMessage returns a copy that later updates do not change.
func copyMessage(m *Message) Message {
	c := *m
	c.Sections = append([]string(nil), m.Sections...)
	c.Buttons = nil
	for _, row := range m.Buttons {
		c.Buttons = append(c.Buttons, append([]Button(nil), row...))
	}
	c.Files = append([]File(nil), m.Files...)
	return c
}

// unescape turns Slack's escaped text into what a person reads.
func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

var emails = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// markup is what Slack's client sends for typed text: &, < and > escaped,
// e-mail addresses turned into mailto links.
func markup(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	return emails.ReplaceAllStringFunc(s, func(m string) string { return "<mailto:" + m + "|" + m + ">" })
}
