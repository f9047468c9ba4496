package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// Bot API size limits for what the bot uploads.
const (
	maxCaption     = 1024
	maxPhotoUpload = 10 << 20
	maxUpload      = 50 << 20
	maxCallback    = 64
)

// Send delivers a message to the chat d.Account (a Telegram chat id): files
// first, as documents or photos, then the text in HTML parse mode, split
// into parts of at most 4096 characters with the buttons under the last
// part. An Edit replaces the text of that earlier message and removes its
// buttons. The calls that earlier attempts made (d.Done) are not made again.
func (a *Adapter) Send(ctx context.Context, d *bot.Delivery) error {
	chat, err := strconv.ParseInt(d.Account, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram: send to %q: %w", d.Account, bot.ErrPermanent)
	}
	calls, err := a.plan(chat, d.Message, d.Files)
	if err != nil {
		return err
	}
	start := d.Done
	for i := start; i < len(calls); i++ {
		if i > start {
			d.Progress(ctx, i)
			if err := d.Pace(ctx); err != nil {
				return err
			}
		}
		resp, err := a.request(ctx, calls[i].op, calls[i].c)
		if err = classify(err); err != nil {
			return err
		}
		if r, ok := sentRef(resp); ok && calls[i].op != "editMessageText" {
			d.Refs = append(d.Refs, r)
		}
	}
	return nil
}

// sentRef is the reference of the message a call created.
func sentRef(resp *tgbotapi.APIResponse) (string, bool) {
	if resp == nil || len(resp.Result) == 0 {
		return "", false
	}
	var m struct {
		ID   int `json:"message_id"`
		Chat struct {
			ID int64 `json:"id"`
		} `json:"chat"`
	}
	if err := json.Unmarshal(resp.Result, &m); err != nil || m.ID == 0 {
		return "", false
	}
	return ref(m.Chat.ID, m.ID), true
}

// Delete deletes a message the bot sent. Telegram lets a bot delete its
// messages in private chats for 48 hours; an older one, or one already
// gone, is bot.ErrPermanent.
func (a *Adapter) Delete(ctx context.Context, msgRef string) error {
	chat, msg, err := parseRef(msgRef)
	if err != nil {
		return err
	}
	_, err = a.request(ctx, "deleteMessage", tgbotapi.NewDeleteMessage(chat, msg))
	return classify(err)
}

type call struct {
	op string
	c  tgbotapi.Chattable
}

// plan lists the Bot API calls that render m.
func (a *Adapter) plan(chat int64, m conversations.Message, files []bot.File) ([]call, error) {
	var calls []call
	kb := a.keyboard(m.Buttons)
	parts := split(m.Text, maxText)
	if strings.TrimSpace(m.Text) == "" {
		parts = nil
	}
	for i, f := range files {
		c, err := fileCall(chat, f)
		if err != nil {
			return nil, err
		}
		if i == len(files)-1 && len(parts) == 0 && kb != nil {
			setMarkup(c.c, kb)
		}
		calls = append(calls, c)
	}
	for i, p := range parts {
		last := i == len(parts)-1
		if i == 0 && m.Edit != "" {
			ec, em, err := parseRef(m.Edit)
			if err != nil {
				return nil, err
			}
			e := tgbotapi.NewEditMessageText(ec, em, html.EscapeString(p))
			e.ParseMode, e.DisableWebPagePreview = tgbotapi.ModeHTML, true
			if last && kb != nil {
				e.ReplyMarkup = kb
			}
			calls = append(calls, call{"editMessageText", e})
			continue
		}
		msg := tgbotapi.NewMessage(chat, html.EscapeString(p))
		msg.ParseMode, msg.DisableWebPagePreview = tgbotapi.ModeHTML, true
		if last && kb != nil {
			msg.ReplyMarkup = *kb
		}
		calls = append(calls, call{"sendMessage", msg})
	}
	return calls, nil
}

// fileCall uploads one file: a photo when asked for and small enough,
// otherwise a document.
func fileCall(chat int64, f bot.File) (call, error) {
	name := f.Name
	if name == "" {
		name = "archivo"
	}
	data := tgbotapi.FileBytes{Name: name, Bytes: f.Data}
	switch {
	case len(f.Data) == 0 || len(f.Data) > maxUpload:
		return call{}, fmt.Errorf("telegram: file %q of %d bytes: %w", name, len(f.Data), bot.ErrPermanent)
	case f.Photo && len(f.Data) <= maxPhotoUpload && strings.HasPrefix(f.MIME, "image/"):
		return call{"sendPhoto", &tgbotapi.PhotoConfig{BaseFile: tgbotapi.BaseFile{BaseChat: tgbotapi.BaseChat{ChatID: chat}, File: data}}}, nil
	}
	return call{"sendDocument", &tgbotapi.DocumentConfig{BaseFile: tgbotapi.BaseFile{BaseChat: tgbotapi.BaseChat{ChatID: chat}, File: data}}}, nil
}

func setMarkup(c tgbotapi.Chattable, kb *tgbotapi.InlineKeyboardMarkup) {
	switch v := c.(type) {
	case *tgbotapi.PhotoConfig:
		v.ReplyMarkup = *kb
	case *tgbotapi.DocumentConfig:
		v.ReplyMarkup = *kb
	}
}

// keyboard renders the buttons as an inline keyboard; a button whose code
// Telegram would refuse is left out (and logged) rather than losing the message.
func (a *Adapter) keyboard(rows [][]conversations.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var out []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.Label == "" || b.Code == "" || len(b.Code) > maxCallback {
				a.log.Error("button left out", "code_bytes", len(b.Code), "label", b.Label)
				continue
			}
			out = append(out, tgbotapi.NewInlineKeyboardButtonData(b.Label, b.Code))
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}

// parseRef reads a "chatID:messageID" reference.
func parseRef(ref string) (int64, int, error) {
	c, m, ok := strings.Cut(ref, ":")
	chat, err1 := strconv.ParseInt(c, 10, 64)
	msg, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, fmt.Errorf("telegram: message reference %q: %w", ref, bot.ErrPermanent)
	}
	return chat, msg, nil
}

// ref is the reference of a message, as Event.Pressed and Message.Edit carry it.
func ref(chat int64, msg int) string {
	return strconv.FormatInt(chat, 10) + ":" + strconv.Itoa(msg)
}
