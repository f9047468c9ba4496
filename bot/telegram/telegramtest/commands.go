package telegramtest

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

type wireScope struct {
	Type   string          `json:"type"`
	ChatID json.RawMessage `json:"chat_id,omitempty"`
	UserID json.RawMessage `json:"user_id,omitempty"`
}

// commandsKey names a command list by scope and language, e.g. "default|" or "all_private_chats|es".
func commandsKey(req *request) (string, *reply) {
	scope := "default"
	if raw := req.get("scope"); raw != "" {
		var sc wireScope
		if json.Unmarshal([]byte(raw), &sc) != nil || sc.Type == "" {
			rep := badRequest("can't parse BotCommandScope JSON object")
			return "", &rep
		}
		scope = sc.Type
		if len(sc.ChatID) > 0 {
			scope += ":" + string(sc.ChatID)
		}
		if len(sc.UserID) > 0 {
			scope += ":" + string(sc.UserID)
		}
	}
	return scope + "|" + req.get("language_code"), nil
}

func validCommand(c string) bool {
	if len(c) < 1 || len(c) > 32 {
		return false
	}
	for _, b := range []byte(c) {
		if !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '_') {
			return false
		}
	}
	return true
}

func (s *Server) setMyCommands(req *request) reply {
	key, rep := commandsKey(req)
	if rep != nil {
		return *rep
	}
	var cmds []Command
	if err := json.Unmarshal([]byte(req.get("commands")), &cmds); err != nil {
		return badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return badRequest("too many commands")
	}
	seen := map[string]bool{}
	for _, c := range cmds {
		if !validCommand(c.Command) || seen[c.Command] {
			return badRequest("BOT_COMMAND_INVALID")
		}
		seen[c.Command] = true
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			return badRequest("BOT_COMMAND_DESCRIPTION_INVALID")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[key] = append([]Command{}, cmds...)
	return okReply(true)
}

func (s *Server) getMyCommands(req *request) reply {
	key, rep := commandsKey(req)
	if rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.commands[key]
	if out == nil {
		out = []Command{}
	}
	return okReply(out)
}

func (s *Server) deleteMyCommands(req *request) reply {
	key, rep := commandsKey(req)
	if rep != nil {
		return *rep
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, key)
	return okReply(true)
}

// Commands is the command list set for the default scope and no language.
func (s *Server) Commands() []Command { return s.CommandsFor("default", "") }

// CommandsFor is the command list of a scope type ("default", "all_private_chats",
// "chat:<id>", ...) and language code ("" for all).
func (s *Server) CommandsFor(scope, lang string) []Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Command(nil), s.commands[fmt.Sprintf("%s|%s", scope, lang)]...)
}
