package telegramtest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// SendText makes user write text to the bot in their private chat (chat id = user.ID).
// A leading "/command" gets a bot_command entity as Telegram adds. It returns the update_id.
func (s *Server) SendText(user User, text string) int {
	return s.userMessage(user, user.ID, &msgRec{text: text, entities: commandEntities(text)})
}

// SendGroupText makes user write text in the group chatID (a negative id).
func (s *Server) SendGroupText(user User, chatID int64, text string) int {
	if chatID >= 0 {
		panic("telegramtest: group chat ids are negative")
	}
	return s.userMessage(user, chatID, &msgRec{text: text, entities: commandEntities(text)})
}

// SendPhoto makes user send a photo (real image bytes: PNG, JPEG or GIF) with an optional
// caption. Like Telegram, the message carries several sizes: a thumbnail whose bytes are NOT
// the photo, then the full size last.
func (s *Server) SendPhoto(user User, data []byte, caption string) int {
	w, h, ok := imageSize(data)
	if !ok {
		w, h = 1280, 960
	}
	s.mu.Lock()
	sizes := s.photoSizesLocked(data, w, h)
	s.mu.Unlock()
	return s.userMessage(user, user.ID, &msgRec{photo: sizes, caption: caption})
}

// SendDocument makes user send a file named name with an optional caption.
func (s *Server) SendDocument(user User, name string, data []byte, caption string) int {
	s.mu.Lock()
	doc := s.newFileLocked("documents", name, "", data)
	s.mu.Unlock()
	return s.userMessage(user, user.ID, &msgRec{doc: doc, caption: caption})
}

func (s *Server) userMessage(user User, chatID int64, m *msgRec) int {
	if user.ID <= 0 {
		panic("telegramtest: a user needs a positive ID")
	}
	if user.FirstName == "" {
		user.FirstName = fmt.Sprintf("User %d", user.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chatLocked(chatID)
	if c.typ == "private" {
		c.user = user
	}
	c.known = true
	m.from = user
	s.addMessageLocked(c, m)
	return s.enqueueLocked(&wireUpdate{Message: s.wireMessageLocked(m)})
}

func commandEntities(text string) []Entity {
	if !strings.HasPrefix(text, "/") || len(text) < 2 {
		return nil
	}
	end := strings.IndexAny(text, " \n\t")
	if end < 0 {
		end = len(text)
	}
	return []Entity{{Type: "bot_command", Offset: 0, Length: utf16Len(text[:end])}}
}

type callbackState struct {
	data     string
	chatID   int64
	msgID    int
	at       time.Time
	answered bool
}

// Press makes user press the inline button with callback data on msg (as returned by Messages).
// The callback_query carries the message as it is now; pressing a button the message no
// longer shows is allowed, as a stale client can. It returns the callback_query id.
func (s *Server) Press(user User, msg Message, data string) string {
	if user.FirstName == "" {
		user.FirstName = fmt.Sprintf("User %d", user.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[msg.ChatID]
	if c == nil || c.byID[msg.ID] == nil {
		panic(fmt.Sprintf("telegramtest: Press on unknown message %d in chat %d", msg.ID, msg.ChatID))
	}
	m := c.byID[msg.ID]
	id := fmt.Sprintf("%d%010d", user.ID%100000000, len(s.callbacks)+1)
	s.callbacks[id] = &callbackState{data: data, chatID: msg.ChatID, msgID: msg.ID, at: time.Now()}
	q := &wireCallbackQuery{ID: id, From: wireUserOf(user), Message: s.wireMessageLocked(m),
		ChatInstance: fmt.Sprintf("%d", -msg.ChatID*7919), Data: data}
	s.enqueueLocked(&wireUpdate{CallbackQuery: q})
	return id
}

func (s *Server) answerCallbackQuery(req *request) reply {
	id := req.get("callback_query_id")
	text := req.get("text")
	if !utf8.ValidString(text) {
		return badRequest("strings must be encoded in UTF-8")
	}
	if utf16Len(text) > 200 {
		return badRequest("MESSAGE_TOO_LONG")
	}
	cache, _, ok := req.integer("cache_time")
	if !ok {
		return badRequest("wrong parameter type")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	cb := s.callbacks[id]
	expired := cb != nil && s.cfg.callbackTimeout > 0 && time.Since(cb.at) > s.cfg.callbackTimeout
	if cb == nil || cb.answered || expired {
		return badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	cb.answered = true
	s.answers = append(s.answers, Answer{QueryID: id, Data: cb.data, ChatID: cb.chatID, MessageID: cb.msgID,
		Text: text, ShowAlert: req.boolean("show_alert"), URL: req.get("url"), CacheTime: int(cache), Time: time.Now()})
	s.notifyLocked()
	return okReply(true)
}
