package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// maxDownload is the Bot API's limit on files a bot may download.
const maxDownload = 20 << 20

// update turns a Telegram update into the intake's: who it comes from,
// how to make its event (downloading its file; one over the download limit
// arrives as IncomingFile{TooBig: true}) and how to answer a pressed button.
func (a *Adapter) update(u tgbotapi.Update) bot.Update {
	id := "tg:" + strconv.Itoa(u.UpdateID)
	out := bot.Update{ID: id, Key: "update:" + strconv.Itoa(u.UpdateID), Event: nothing}
	ev := conversations.Event{ID: id, Seq: int64(u.UpdateID), Platform: Platform}
	switch {
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		q := u.CallbackQuery
		ev.Account, ev.Name, ev.Button = strconv.FormatInt(q.From.ID, 10), fullName(q.From), q.Data
		if q.Message != nil && q.Message.Chat != nil {
			ev.Pressed = ref(q.Message.Chat.ID, q.Message.MessageID)
		}
		out.Key = Platform + ":" + ev.Account
		out.Answer = func(ctx context.Context, notice string) { a.answer(ctx, q.ID, notice) }
		if q.Data != "" {
			out.Event = func(context.Context) (conversations.Event, bool, error) { return ev, true, nil }
		}
	case u.Message != nil && u.Message.From != nil && u.Message.Chat != nil && u.Message.Chat.IsPrivate():
		m := u.Message
		ev.Account, ev.Name, ev.Text = strconv.FormatInt(m.From.ID, 10), fullName(m.From), m.Text
		if ev.Text == "" {
			ev.Text = m.Caption
		}
		out.Key = Platform + ":" + ev.Account
		out.Event = func(ctx context.Context) (conversations.Event, bool, error) {
			files, err := a.files(ctx, m)
			if err != nil {
				return ev, false, err
			}
			ev.Files = files
			// A sticker, a location...: nothing we understand.
			return ev, ev.Text != "" || len(files) > 0, nil
		}
	}
	return out
}

// nothing is the event of an update the bot ignores (an edit, a channel post...).
func nothing(context.Context) (conversations.Event, bool, error) {
	return conversations.Event{}, false, nil
}

func fullName(u *tgbotapi.User) string {
	return strings.TrimSpace(u.FirstName + " " + u.LastName)
}

// files downloads the photo (its largest size, the last one) or document
// of a message.
func (a *Adapter) files(ctx context.Context, m *tgbotapi.Message) ([]conversations.IncomingFile, error) {
	var (
		id, name, mime string
		size           int
		photo          bool
	)
	switch {
	case len(m.Photo) > 0:
		p := m.Photo[len(m.Photo)-1]
		id, size, photo = p.FileID, p.FileSize, true
		name, mime = "foto_"+p.FileUniqueID+".jpg", "image/jpeg"
	case m.Document != nil:
		id, size, name, mime = m.Document.FileID, m.Document.FileSize, m.Document.FileName, m.Document.MimeType
		if name == "" {
			name = "documento_" + m.Document.FileUniqueID
		}
	default:
		return nil, nil
	}
	f := conversations.IncomingFile{Name: name, MIME: mime, Photo: photo}
	if size > maxDownload {
		f.TooBig = true
		return []conversations.IncomingFile{f}, nil
	}
	data, err := a.download(ctx, id)
	switch {
	case errors.Is(err, errTooBig):
		f.TooBig = true
	case errors.Is(err, bot.ErrPermanent):
		a.log.Warn("file not downloadable", "err", err)
		return nil, nil
	case err != nil:
		return nil, err
	}
	f.Data = data
	if f.MIME == "" {
		f.MIME = http.DetectContentType(data)
	}
	return []conversations.IncomingFile{f}, nil
}

var errTooBig = errors.New("file over the download limit")

// download asks getFile for the path and fetches the bytes from FileBase
// (getFile's own link ignores a custom endpoint).
func (a *Adapter) download(ctx context.Context, fileID string) ([]byte, error) {
	resp, err := a.request(ctx, "getFile", tgbotapi.FileConfig{FileID: fileID})
	if err != nil {
		if strings.Contains(err.Error(), "too big") {
			return nil, errTooBig
		}
		return nil, classify(err)
	}
	var f tgbotapi.File
	if err := json.Unmarshal(resp.Result, &f); err != nil {
		return nil, fmt.Errorf("telegram: getFile: %w", err)
	}
	if f.FileSize > maxDownload {
		return nil, errTooBig
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.cfg.FileBase+a.cfg.Token+"/"+f.FilePath, nil)
	if err != nil {
		return nil, a.wrap("download", err)
	}
	res, err := a.http.Do(req)
	if err != nil {
		return nil, a.wrap("download", err)
	}
	defer res.Body.Close()
	switch {
	case res.StatusCode == http.StatusBadRequest || res.StatusCode == http.StatusNotFound:
		return nil, fmt.Errorf("telegram: download %s: %s: %w", f.FilePath, res.Status, bot.ErrPermanent)
	case res.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("telegram: download %s: %s", f.FilePath, res.Status)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, maxDownload+1))
	if err != nil {
		return nil, a.wrap("download", err)
	}
	if len(data) > maxDownload {
		return nil, errTooBig
	}
	return data, nil
}
