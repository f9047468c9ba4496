package telegramtest

import (
	"encoding/json"
	"strings"
)

type wireButton struct {
	Text                         string          `json:"text"`
	CallbackData                 *string         `json:"callback_data,omitempty"`
	URL                          *string         `json:"url,omitempty"`
	SwitchInlineQuery            *string         `json:"switch_inline_query,omitempty"`
	SwitchInlineQueryCurrentChat *string         `json:"switch_inline_query_current_chat,omitempty"`
	LoginURL                     json.RawMessage `json:"login_url,omitempty"`
	CallbackGame                 json.RawMessage `json:"callback_game,omitempty"`
	Pay                          bool            `json:"pay,omitempty"`
	WebApp                       json.RawMessage `json:"web_app,omitempty"`
	CopyText                     json.RawMessage `json:"copy_text,omitempty"`
}

type wireMarkup struct {
	InlineKeyboard *[][]wireButton    `json:"inline_keyboard,omitempty"`
	Keyboard       *[]json.RawMessage `json:"keyboard,omitempty"`
	RemoveKeyboard bool               `json:"remove_keyboard,omitempty"`
	ForceReply     bool               `json:"force_reply,omitempty"`
}

// parseMarkup validates reply_markup. It returns the inline keyboard (nil when the markup is
// absent or not an inline keyboard) and whether the param was present.
func parseMarkup(raw string) ([][]Button, *reply) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var m wireMarkup
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		rep := badRequest("can't parse reply keyboard markup JSON object")
		return nil, &rep
	}
	if m.InlineKeyboard == nil {
		if m.Keyboard == nil && !m.RemoveKeyboard && !m.ForceReply {
			rep := badRequest("can't parse reply keyboard markup JSON object")
			return nil, &rep
		}
		return nil, nil
	}
	rows := make([][]Button, 0, len(*m.InlineKeyboard))
	count := 0
	for _, row := range *m.InlineKeyboard {
		var out []Button
		for _, b := range row {
			count++
			btn, rep := checkButton(b)
			if rep != nil {
				return nil, rep
			}
			out = append(out, btn)
		}
		rows = append(rows, out)
	}
	if count > 100 {
		rep := badRequest("REPLY_MARKUP_TOO_LONG")
		return nil, &rep
	}
	return rows, nil
}

func checkButton(b wireButton) (Button, *reply) {
	actions := 0
	for _, set := range []bool{b.CallbackData != nil, b.URL != nil, b.SwitchInlineQuery != nil,
		b.SwitchInlineQueryCurrentChat != nil, b.LoginURL != nil, b.CallbackGame != nil, b.Pay,
		b.WebApp != nil, b.CopyText != nil} {
		if set {
			actions++
		}
	}
	if actions == 0 {
		rep := badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
		return Button{}, &rep
	}
	if actions > 1 {
		rep := badRequest("can't parse inline keyboard button: Can't find field \"text\" or more than one action field")
		return Button{}, &rep
	}
	if strings.TrimSpace(b.Text) == "" {
		rep := badRequest("BUTTON_TEXT_INVALID")
		return Button{}, &rep
	}
	out := Button{Text: b.Text}
	if b.CallbackData != nil {
		if n := len(*b.CallbackData); n < 1 || n > 64 {
			rep := badRequest("BUTTON_DATA_INVALID")
			return Button{}, &rep
		}
		out.Data = *b.CallbackData
	}
	if b.URL != nil {
		u := *b.URL
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "tg://") {
			rep := badRequest("BUTTON_URL_INVALID")
			return Button{}, &rep
		}
		out.URL = u
	}
	return out, nil
}

// markupJSON encodes an inline keyboard the way the Bot API returns it.
func markupJSON(rows [][]Button) json.RawMessage {
	if len(rows) == 0 {
		return nil
	}
	type btn struct {
		Text         string `json:"text"`
		URL          string `json:"url,omitempty"`
		CallbackData string `json:"callback_data,omitempty"`
	}
	kb := make([][]btn, len(rows))
	for i, row := range rows {
		kb[i] = make([]btn, 0, len(row))
		for _, b := range row {
			kb[i] = append(kb[i], btn{Text: b.Text, URL: b.URL, CallbackData: b.Data})
		}
	}
	data, _ := json.Marshal(map[string]any{"inline_keyboard": kb})
	return data
}

func sameButtons(a, b [][]Button) bool {
	return string(markupJSON(a)) == string(markupJSON(b))
}

func parseEntitiesParam(raw string) ([]Entity, *reply) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	var ents []Entity
	if err := json.Unmarshal([]byte(raw), &ents); err != nil {
		rep := badRequest("can't parse entities JSON object")
		return nil, &rep
	}
	return ents, nil
}

func copyButtons(rows [][]Button) [][]Button {
	if rows == nil {
		return nil
	}
	out := make([][]Button, len(rows))
	for i, r := range rows {
		out[i] = append([]Button(nil), r...)
	}
	return out
}
