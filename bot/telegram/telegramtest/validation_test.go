package telegramtest_test

import (
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

func TestCallbackDataOver64BytesIsRejected(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	ok := tgbotapi.NewMessage(ana.ID, "64")
	ok.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("a", strings.Repeat("x", 64))))
	if _, err := bot.Send(ok); err != nil {
		t.Fatalf("64 bytes: %v", err)
	}
	bad := tgbotapi.NewMessage(ana.ID, "65")
	bad.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("a", strings.Repeat("ñ", 32)+"x")))
	_, err := bot.Send(bad)
	if e := apiError(t, err); e.Code != 400 || e.Message != "Bad Request: BUTTON_DATA_INVALID" {
		t.Fatalf("%+v", e)
	}
	if srv.Malformed() != 1 || len(srv.Messages(ana.ID)) != 1 {
		t.Fatalf("malformed %d, messages %d", srv.Malformed(), len(srv.Messages(ana.ID)))
	}
}

func TestHTMLParseMode(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithoutLimits(), telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	send := func(text string) (tgbotapi.Message, error) {
		m := tgbotapi.NewMessage(ana.ID, text)
		m.ParseMode = tgbotapi.ModeHTML
		return bot.Send(m)
	}
	bad := map[string]string{
		"<b>sin cerrar":             `Can't find end tag corresponding to start tag "b"`,
		"<x>y</x>":                  `Unsupported start tag "x" at byte offset 0`,
		"Pérez & hijos":             `"&" at byte offset 7`,
		"1 < 2":                     `Unsupported start tag "" at byte offset 2`,
		"<b><i>x</b></i>":           `expected "</i>", found "</b>"`,
		"<span>x</span>":            `must have class "tg-spoiler"`,
		"x</b>":                     "Unexpected end tag at byte offset 1",
		"<br/>":                     `Unsupported start tag "br"`,
		"<b>&amp</b>":               `"&" at byte offset 3`,
		`<a href="http://x.org">`:   `start tag "a"`,
		"<pre><code>x</pre></code>": `expected "</code>"`,
	}
	for text, want := range bad {
		_, err := send(text)
		if e := apiError(t, err); e.Code != 400 || !strings.HasPrefix(e.Message, "Bad Request: can't parse entities: ") || !strings.Contains(e.Message, want) {
			t.Errorf("%q: got %q, want it to contain %q", text, e.Message, want)
		}
	}
	if srv.Malformed() != len(bad) {
		t.Fatalf("malformed %d, want %d", srv.Malformed(), len(bad))
	}
	sent, err := send(`<b>Ticket</b> &lt;CT-1&gt; &amp; <a href="https://x.org/?a=1&amp;b=2">enlace</a> 😀 <tg-spoiler>s</tg-spoiler> <span class="tg-spoiler">t</span> <pre><code class="language-go">x := 1</code></pre> &#128512;&#x41; <blockquote expandable>cita</blockquote> a > b`)
	if err != nil {
		t.Fatal(err)
	}
	wantText := "Ticket <CT-1> & enlace 😀 s t x := 1 😀A cita a > b"
	if sent.Text != wantText {
		t.Fatalf("text %q, want %q", sent.Text, wantText)
	}
	types := map[string]tgbotapi.MessageEntity{}
	for _, e := range sent.Entities {
		if _, seen := types[e.Type]; !seen {
			types[e.Type] = e
		}
	}
	if _, ok := types["code"]; ok || len(sent.Entities) != 6 {
		t.Fatalf("<pre><code> must give one pre entity: %+v", sent.Entities)
	}
	if l := types["text_link"]; l.URL != "https://x.org/?a=1&b=2" || l.Offset != 16 || l.Length != 6 {
		t.Fatalf("link %+v", l)
	}
	// 😀 is two UTF-16 code units: the spoiler after it starts at 26, not 25.
	if sp := types["spoiler"]; sp.Offset != 26 || sp.Length != 1 {
		t.Fatalf("spoiler %+v in %+v", sp, sent.Entities)
	}
	if pre := types["pre"]; pre.Language != "go" || types["expandable_blockquote"].Length != 4 {
		t.Fatalf("entities %+v", sent.Entities)
	}
	if _, err := send("<B>Mayúsculas</B> <STRONG>ok</STRONG>"); err != nil {
		t.Fatalf("tags are case-insensitive: %v", err)
	}
}

func TestTextLengthInUTF16(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithoutLimits(), telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	send := func(text, mode string) error {
		m := tgbotapi.NewMessage(ana.ID, text)
		m.ParseMode = mode
		_, err := bot.Send(m)
		return err
	}
	for _, ok := range []struct{ text, mode string }{
		{strings.Repeat("a", 4096), ""},
		{strings.Repeat("ñ", 4096), ""},
		{strings.Repeat("😀", 2048), ""},
		{"<b>" + strings.Repeat("a", 4096) + "</b>", "HTML"},
		{strings.Repeat("&amp;", 4096), "HTML"},
	} {
		if err := send(ok.text, ok.mode); err != nil {
			t.Errorf("%d bytes %s: %v", len(ok.text), ok.mode, err)
		}
	}
	for _, bad := range []string{strings.Repeat("a", 4097), strings.Repeat("😀", 2048) + "a"} {
		if e := apiError(t, send(bad, "")); e.Message != "Bad Request: message is too long" {
			t.Errorf("%d bytes: %q", len(bad), e.Message)
		}
	}
	if e := apiError(t, send(" \n", "")); e.Message != "Bad Request: message text is empty" {
		t.Errorf("empty: %q", e.Message)
	}
	if srv.Malformed() != 3 {
		t.Fatalf("malformed %d", srv.Malformed())
	}
}

func TestMalformedRequestsAreCounted(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLogf(nil))
	_, err := tgbotapi.NewBotAPIWithClient("42:wrong", srv.Endpoint(), srv.Client())
	if e := apiError(t, err); e.Code != 401 || e.Message != "Unauthorized" {
		t.Fatalf("wrong token: %+v", e)
	}
	bot := newBot(t, srv)
	_, err = bot.MakeRequest("sendMesage", tgbotapi.Params{"chat_id": "1", "text": "x"})
	if e := apiError(t, err); e.Code != 404 || e.Message != "Not Found" {
		t.Fatalf("unknown method: %+v", e)
	}
	_, err = bot.MakeRequest("sendMessage", tgbotapi.Params{"text": "x"})
	if e := apiError(t, err); e.Message != "Bad Request: chat_id is empty" {
		t.Fatalf("no chat_id: %+v", e)
	}
	_, err = bot.MakeRequest("sendMessage", tgbotapi.Params{"chat_id": "1", "text": "x", "reply_markup": `{"inline_keyboard":[[{"text":"a","callback_data":"b"}]`})
	if e := apiError(t, err); e.Message != "Bad Request: can't parse reply keyboard markup JSON object" {
		t.Fatalf("bad markup: %+v", e)
	}
	_, err = bot.MakeRequest("sendMessage", tgbotapi.Params{"chat_id": "1", "text": "x", "reply_markup": `{"inline_keyboard":[[{"text":"sin acción"}]]}`})
	if e := apiError(t, err); e.Code != 400 {
		t.Fatalf("button without action: %+v", e)
	}
	if srv.Malformed() != 5 || srv.TooMany() != 0 || len(srv.Errors()) != 5 {
		t.Fatalf("malformed %d errors %+v", srv.Malformed(), srv.Errors())
	}

	// The real API also takes JSON bodies, with markup as an object.
	body := `{"chat_id":7,"text":"<i>json</i>","parse_mode":"HTML","reply_markup":{"inline_keyboard":[[{"text":"Ok","callback_data":"ok"}]]}}`
	resp, err := http.Post(srv.URL()+"/bot"+srv.Token()+"/sendMessage", "application/json", strings.NewReader(body))
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("json body: %v %v", resp, err)
	}
	resp.Body.Close()
	if m := srv.Messages(7); len(m) != 1 || m[0].Text != "json" || m[0].Buttons[0][0].Data != "ok" {
		t.Fatalf("%+v", m)
	}
}

func TestSetMyCommands(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	cmds := []tgbotapi.BotCommand{{Command: "nueva", Description: "Nueva solicitud"}, {Command: "mis_solicitudes", Description: "Ver mis solicitudes"}}
	if _, err := bot.Request(tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		t.Fatal(err)
	}
	staff := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeChat(77), "es", tgbotapi.BotCommand{Command: "pendientes", Description: "Por aprobar"})
	if _, err := bot.Request(staff); err != nil {
		t.Fatal(err)
	}
	if got := srv.Commands(); len(got) != 2 || got[1] != (telegramtest.Command{Command: "mis_solicitudes", Description: "Ver mis solicitudes"}) {
		t.Fatalf("%+v", got)
	}
	if got := srv.CommandsFor("chat:77", "es"); len(got) != 1 || got[0].Command != "pendientes" {
		t.Fatalf("%+v", got)
	}
	for _, bad := range []tgbotapi.BotCommand{{Command: "Nueva", Description: "x"}, {Command: "/nueva", Description: "x"},
		{Command: strings.Repeat("a", 33), Description: "x"}, {Command: "ok", Description: ""}, {Command: "ok", Description: strings.Repeat("d", 257)}} {
		if _, err := bot.Request(tgbotapi.NewSetMyCommands(bad)); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
	if srv.Malformed() != 5 {
		t.Fatalf("malformed %d", srv.Malformed())
	}
}
