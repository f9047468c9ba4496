package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// answers holds the buffers that Bot API answers are read into, so the
// calls of every update and message (getUpdates, sendMessage,
// answerCallbackQuery) reuse them instead of growing a decoder's buffer.
var answers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxKept is the size above which an answer's buffer is left to the GC.
const maxKept = 1 << 20

// answer is a Bot API response whose result is decoded straight into the
// value Result points to, in the same pass as the envelope.
type answer struct {
	Ok          bool                         `json:"ok"`
	Result      any                          `json:"result"`
	ErrorCode   int                          `json:"error_code"`
	Description string                       `json:"description"`
	Parameters  *tgbotapi.ResponseParameters `json:"parameters"`
}

// post makes a Bot API call whose parameters are form fields, as the
// library does, and decodes its result into result (nil: not read). A
// refusal is a *tgbotapi.Error, like the library's, so classify reads it.
func (a *Adapter) post(ctx context.Context, op string, form url.Values, result any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf(a.cfg.Endpoint, a.cfg.Token, op),
		strings.NewReader(form.Encode()))
	if err != nil {
		return a.wrap(op, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := a.http.Do(req)
	if err != nil {
		return a.wrap(op, err)
	}
	defer resp.Body.Close()
	buf := answers.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= maxKept {
			answers.Put(buf)
		}
	}()
	if _, err := buf.ReadFrom(resp.Body); err != nil {
		return a.wrap(op, err)
	}
	ans := answer{Result: result}
	if result == nil {
		ans.Result = &json.RawMessage{}
	}
	if err := json.Unmarshal(buf.Bytes(), &ans); err != nil {
		return a.wrap(op, err)
	}
	if !ans.Ok {
		e := &tgbotapi.Error{Code: ans.ErrorCode, Message: ans.Description}
		if ans.Parameters != nil {
			e.ResponseParameters = *ans.Parameters
		}
		return a.wrap(op, e)
	}
	return nil
}
