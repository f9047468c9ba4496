package telegram

import (
	"context"
	"encoding/json"
	"html"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/conversations"
)

// FuzzUpdate: any update Telegram may send is translated without a panic
// into nothing, or into the event of the one person who sent it, with what
// they typed or pressed; a group's messages and a press without data are
// nothing.
func FuzzUpdate(f *testing.F) {
	f.Add([]byte(`{"update_id":7,"message":{"message_id":1,"from":{"id":2002,"first_name":"Rosa","last_name":"Díaz"},"chat":{"id":2002,"type":"private"},"text":"/nueva"}}`))
	f.Add([]byte(`{"update_id":8,"callback_query":{"id":"q1","from":{"id":1001,"first_name":"Ana"},"message":{"message_id":5,"chat":{"id":1001,"type":"private"}},"data":"t:CT-2026-0001:tomar:3"}}`))
	f.Add([]byte(`{"update_id":9,"message":{"message_id":2,"from":{"id":5},"chat":{"id":-100,"type":"group"},"text":"hola"}}`))
	f.Add([]byte(`{"update_id":10,"callback_query":{"id":"q2","from":{"id":1001}}}`))
	f.Add([]byte(`{"update_id":11,"edited_message":{"message_id":3,"from":{"id":5},"chat":{"id":5,"type":"private"},"text":"x"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var u tgbotapi.Update
		if json.Unmarshal(body, &u) != nil {
			return
		}
		a := &Adapter{log: slog.New(slog.DiscardHandler)}
		out := a.update(u)
		if want := "tg:" + strconv.Itoa(u.UpdateID); out.ID != want {
			t.Fatalf("update %d has id %q", u.UpdateID, out.ID)
		}
		if m := u.Message; m != nil && (len(m.Photo) > 0 || m.Document != nil) {
			return // its event downloads the file
		}
		ev, ok, err := out.Event(context.Background())
		if err != nil {
			t.Fatalf("event: %v", err)
		}
		if !ok {
			return
		}
		checkEvent(t, u, out.Key, ev)
	})
}

// checkEvent checks the event of an update against what the update says.
func checkEvent(t *testing.T, u tgbotapi.Update, key string, ev conversations.Event) {
	var from *tgbotapi.User
	switch {
	case u.CallbackQuery != nil:
		from = u.CallbackQuery.From
		if ev.Button != u.CallbackQuery.Data || ev.Button == "" || ev.Text != "" {
			t.Fatalf("press of %q read as button %q, text %q", u.CallbackQuery.Data, ev.Button, ev.Text)
		}
	case u.Message != nil:
		from = u.Message.From
		if !u.Message.Chat.IsPrivate() {
			t.Fatalf("a %q chat's message became an event", u.Message.Chat.Type)
		}
		if ev.Text != u.Message.Text && ev.Text != u.Message.Caption || ev.Text == "" || ev.Button != "" {
			t.Fatalf("message %q read as text %q, button %q", u.Message.Text, ev.Text, ev.Button)
		}
	default:
		t.Fatalf("an update with neither message nor press became an event: %+v", ev)
	}
	account := strconv.FormatInt(from.ID, 10)
	if ev.Platform != Platform || ev.Account != account || key != Platform+":"+account {
		t.Fatalf("event of user %d: platform %q, account %q, key %q", from.ID, ev.Platform, ev.Account, key)
	}
}

// FuzzRender: a message of any text is sent as parts of at most 4096
// UTF-16 units, each escaped for HTML (no raw '<' or '>'), and the parts,
// unescaped and put back together, are the text (only the blank lines
// where it was cut are dropped).
func FuzzRender(f *testing.F) {
	f.Add("Hola <b>Rosa</b> & \"Ana\"", uint16(4096))
	f.Add(strings.Repeat("línea de texto con acentos y emoji 😀\n", 300), uint16(4096))
	f.Add(strings.Repeat("x", 9000), uint16(4096))
	f.Add("😀😀😀", uint16(1))
	f.Add("a\n\n\nb c d", uint16(2))
	f.Fuzz(func(t *testing.T, text string, limit uint16) {
		if !utf8.ValidString(text) {
			return
		}
		n := max(int(limit)%5000, 1)
		parts := split(text, n)
		checkParts(t, text, n, parts)
		if n != maxText {
			return
		}
		a := &Adapter{log: slog.New(slog.DiscardHandler)}
		calls, err := a.plan(1, conversations.Message{Text: text}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var sent []string
		for _, c := range calls {
			m := c.c.(tgbotapi.MessageConfig)
			if strings.ContainsAny(m.Text, "<>") {
				t.Fatalf("sent text %q has raw markup", m.Text)
			}
			sent = append(sent, html.UnescapeString(m.Text))
		}
		if strings.TrimSpace(text) != "" {
			checkParts(t, text, n, sent)
		}
	})
}

// checkParts checks that parts are within limit and are text, in order,
// with only whitespace between them.
func checkParts(t *testing.T, text string, limit int, parts []string) {
	if utf16Len(text) <= limit {
		if len(parts) != 1 || parts[0] != text {
			t.Fatalf("a text within the limit was split: %q", parts)
		}
		return
	}
	rest := text
	for _, p := range parts {
		// A lone character wider than the limit (an emoji under a limit of 1) is a part of its own.
		if n := utf16Len(p); (n > limit && utf8.RuneCountInString(p) > 1) || p == "" || !utf8.ValidString(p) {
			t.Fatalf("part %q: %d units, limit %d", p, n, limit)
		}
		i := strings.Index(rest, p)
		if i < 0 || strings.TrimSpace(rest[:i]) != "" {
			t.Fatalf("part %q is not the next piece of the text %q", p, rest)
		}
		rest = rest[i+len(p):]
	}
	if strings.TrimSpace(rest) != "" {
		t.Fatalf("the text after the last part was lost: %q", rest)
	}
}
