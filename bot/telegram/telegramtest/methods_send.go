package telegramtest

import (
	"slices"
	"strings"
	"time"
)

const (
	maxTextLen    = 4096
	maxCaptionLen = 1024
)

func (s *Server) sendMessage(req *request) reply {
	chatID, rep := req.chatID()
	if rep != nil {
		return *rep
	}
	text, ents, buttons, rep := content(req, "text", "entities", checkText)
	if rep != nil {
		return *rep
	}
	return s.post(chatID, req, func() (*msgRec, *reply) {
		return &msgRec{fromBot: true, text: text, entities: ents, source: req.get("text"), buttons: buttons}, nil
	})
}

// content reads what a message the bot sends or edits says: the text in
// field (with its entities in entitiesField) as check accepts it, and the
// buttons of reply_markup.
func content(req *request, field, entitiesField string, check func(src, parseMode, entities string) (string, []Entity, *reply)) (string, []Entity, [][]Button, *reply) {
	text, ents, rep := check(req.get(field), req.get("parse_mode"), req.get(entitiesField))
	if rep != nil {
		return "", nil, nil, rep
	}
	buttons, rep := parseMarkup(req.get("reply_markup"))
	if rep != nil {
		return "", nil, nil, rep
	}
	return text, ents, buttons, nil
}

// post checks what req replies to and the chat's limits, then adds the
// bot's message that build makes (with s.mu held) to chatID.
func (s *Server) post(chatID int64, req *request, build func() (*msgRec, *reply)) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rep := s.checkReplyLocked(chatID, req); rep != nil {
		return *rep
	}
	if rep := s.admitLocked(chatID); rep != nil {
		return *rep
	}
	m, rep := build()
	if rep != nil {
		return *rep
	}
	s.addMessageLocked(s.chatLocked(chatID), m)
	s.notifyLocked()
	return okReply(s.wireMessageLocked(m))
}

func checkText(src, parseMode, entities string) (string, []Entity, *reply) {
	text, ents, rep := formatText(src, parseMode, entities)
	if rep != nil {
		return "", nil, rep
	}
	if strings.TrimSpace(text) == "" {
		r := badRequest("message text is empty")
		return "", nil, &r
	}
	if utf16Len(text) > maxTextLen {
		r := badRequest("message is too long")
		return "", nil, &r
	}
	return text, ents, nil
}

func checkCaption(src, parseMode, entities string) (string, []Entity, *reply) {
	text, ents, rep := formatText(src, parseMode, entities)
	if rep != nil {
		return "", nil, rep
	}
	if utf16Len(text) > maxCaptionLen {
		r := badRequest("message caption is too long")
		return "", nil, &r
	}
	return text, ents, nil
}

func (s *Server) checkReplyLocked(chatID int64, req *request) *reply {
	id, present, ok := req.integer("reply_to_message_id")
	if !present {
		return nil
	}
	if !ok {
		rep := badRequest("message to be replied not found")
		return &rep
	}
	if c := s.chats[chatID]; c != nil && c.byID[int(id)] != nil && !c.byID[int(id)].deleted {
		return nil
	}
	if req.boolean("allow_sending_without_reply") {
		return nil
	}
	rep := badRequest("message to be replied not found")
	return &rep
}

// editTargetLocked finds the bot's message named by chat_id and message_id. s.mu must be held.
func (s *Server) editTargetLocked(req *request) (*msgRec, *reply) {
	if req.get("inline_message_id") != "" {
		rep := badRequest("MESSAGE_ID_INVALID")
		return nil, &rep
	}
	chatID, rep := req.chatID()
	if rep != nil {
		return nil, rep
	}
	id, present, ok := req.integer("message_id")
	if !present || !ok {
		r := badRequest("message identifier is not specified")
		return nil, &r
	}
	c := s.chats[chatID]
	if c == nil {
		r := badRequest("chat not found")
		return nil, &r
	}
	m := c.byID[int(id)]
	if m == nil || m.deleted {
		r := badRequest("message to edit not found")
		return nil, &r
	}
	if !m.fromBot {
		r := badRequest("message can't be edited")
		return nil, &r
	}
	if s.blocked[chatID] {
		r := fail(403, "Forbidden: bot was blocked by the user")
		return nil, &r
	}
	return m, nil
}

const notModified = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"

func (s *Server) editMessageText(req *request) reply {
	text, ents, buttons, rep := content(req, "text", "entities", checkText)
	if rep != nil {
		return *rep
	}
	return s.edit(req, func(m *msgRec) *reply {
		if m.doc != nil || len(m.photo) > 0 {
			r := badRequest("there is no text in the message to edit")
			return &r
		}
		if m.text == text && slices.Equal(m.entities, ents) && sameButtons(m.buttons, buttons) {
			r := badRequest(notModified)
			return &r
		}
		m.text, m.entities, m.source, m.buttons = text, ents, req.get("text"), buttons
		return nil
	})
}

func (s *Server) editMessageReplyMarkup(req *request) reply {
	buttons, rep := parseMarkup(req.get("reply_markup"))
	if rep != nil {
		return *rep
	}
	return s.edit(req, func(m *msgRec) *reply {
		if sameButtons(m.buttons, buttons) {
			r := badRequest(notModified)
			return &r
		}
		m.buttons = buttons
		return nil
	})
}

// edit applies change to the bot's message that req names, with s.mu held,
// and answers with the message as edited, or with what change refuses it.
func (s *Server) edit(req *request, change func(m *msgRec) *reply) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, rep := s.editTargetLocked(req)
	if rep != nil {
		return *rep
	}
	if rep := change(m); rep != nil {
		return *rep
	}
	m.editDate = time.Now()
	s.notifyLocked()
	return okReply(s.wireMessageLocked(m))
}

func (s *Server) deleteMessage(req *request) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	chatID, rep := req.chatID()
	if rep != nil {
		return *rep
	}
	id, _, _ := req.integer("message_id")
	c := s.chats[chatID]
	if c == nil || c.byID[int(id)] == nil || c.byID[int(id)].deleted {
		return badRequest("message to delete not found")
	}
	c.byID[int(id)].deleted = true
	s.notifyLocked()
	return okReply(true)
}

func (s *Server) sendChatAction(req *request) reply {
	if _, rep := req.chatID(); rep != nil {
		return *rep
	}
	switch req.get("action") {
	case "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
		"upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note":
		return okReply(true)
	}
	return badRequest("wrong type of the action")
}
