package telegramtest

import (
	"strconv"
	"strings"
	"time"
)

type chatState struct {
	id     int64
	typ    string
	title  string
	user   User
	known  bool // a user wrote in it, so the bot may write
	msgs   []*msgRec
	byID   map[int]*msgRec
	nextID int
}

type msgRec struct {
	id              int
	chatID          int64
	fromBot         bool
	from            User
	date            time.Time
	editDate        time.Time
	text            string
	entities        []Entity
	source          string
	caption         string
	captionEntities []Entity
	buttons         [][]Button
	doc             *File
	photo           []*File
	deleted         bool
}

// chatLocked returns the chat, creating it on first use. s.mu must be held.
func (s *Server) chatLocked(id int64) *chatState {
	c := s.chats[id]
	if c == nil {
		c = &chatState{id: id, typ: "private", byID: map[int]*msgRec{}}
		if id < 0 {
			c.typ = "group"
			if id <= -1000000000000 {
				c.typ = "supergroup"
			}
			c.title = "Group " + strconv.FormatInt(-id, 10)
		} else {
			c.user = User{ID: id, FirstName: "User " + strconv.FormatInt(id, 10)}
		}
		s.chats[id] = c
	}
	return c
}

func (s *Server) addMessageLocked(c *chatState, m *msgRec) {
	c.nextID++
	m.id, m.chatID = c.nextID, c.id
	if m.date.IsZero() {
		m.date = time.Now()
	}
	c.msgs = append(c.msgs, m)
	c.byID[m.id] = m
}

func (c *chatState) wire() wireChat {
	if c.typ == "private" {
		return wireChat{ID: c.id, Type: c.typ, FirstName: c.user.FirstName, LastName: c.user.LastName, UserName: c.user.UserName}
	}
	return wireChat{ID: c.id, Type: c.typ, Title: c.title}
}

func wireUserOf(u User) wireUser {
	return wireUser{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, UserName: u.UserName, LanguageCode: u.LanguageCode}
}

func (s *Server) wireMessageLocked(m *msgRec) *wireMessage {
	c := s.chats[m.chatID]
	w := &wireMessage{MessageID: m.id, Date: m.date.Unix(), Chat: c.wire(), Text: m.text, Entities: m.entities,
		Caption: m.caption, CaptionEntities: m.captionEntities, ReplyMarkup: markupJSON(m.buttons)}
	if m.fromBot {
		w.From = &wireUser{ID: s.bot.ID, IsBot: true, FirstName: s.bot.FirstName, UserName: s.bot.UserName}
	} else {
		u := wireUserOf(m.from)
		w.From = &u
	}
	if !m.editDate.IsZero() {
		w.EditDate = m.editDate.Unix()
	}
	if m.doc != nil {
		w.Document = &wireDocument{FileID: m.doc.ID, FileUniqueID: m.doc.UniqueID, FileName: m.doc.Name, MimeType: m.doc.MIME, FileSize: m.doc.Size}
	}
	for _, p := range m.photo {
		w.Photo = append(w.Photo, wirePhotoSize{FileID: p.ID, FileUniqueID: p.UniqueID, Width: p.Width, Height: p.Height, FileSize: p.Size})
	}
	return w
}

func (m *msgRec) public() Message {
	out := Message{ID: m.id, ChatID: m.chatID, FromBot: m.fromBot, From: m.from, Date: m.date,
		Edited: !m.editDate.IsZero(), Text: m.text, Entities: append([]Entity(nil), m.entities...),
		Source: m.source, Caption: m.caption, Buttons: copyButtons(m.buttons)}
	if m.doc != nil {
		d := *m.doc
		out.Document = &d
	}
	if len(m.photo) > 0 {
		p := *m.photo[len(m.photo)-1]
		out.Photo = &p
	}
	return out
}

// chatID reads chat_id; numeric ids only (channel usernames are not simulated).
func (r *request) chatID() (int64, *reply) {
	v := strings.TrimSpace(r.get("chat_id"))
	if v == "" {
		rep := badRequest("chat_id is empty")
		return 0, &rep
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		rep := badRequest("chat not found")
		return 0, &rep
	}
	return id, nil
}

// admitLocked applies blocks, unknown-chat rules and rate limits to a send. s.mu must be held.
func (s *Server) admitLocked(chatID int64) *reply {
	if s.blocked[chatID] {
		rep := fail(403, "Forbidden: bot was blocked by the user")
		return &rep
	}
	if s.cfg.knownChatsOnly {
		if c := s.chats[chatID]; c == nil || !c.known {
			var rep reply
			if chatID > 0 {
				rep = fail(403, "Forbidden: bot can't initiate conversation with a user")
			} else {
				rep = badRequest("chat not found")
			}
			return &rep
		}
	}
	if wait, ok := s.lim.take(chatID, time.Now()); !ok {
		rep := fail(429, "Too Many Requests: retry after "+strconv.Itoa(wait))
		rep.retryAfter, rep.limited = wait, true
		return &rep
	}
	return nil
}
