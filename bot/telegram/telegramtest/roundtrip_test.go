package telegramtest_test

import (
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

func TestSendEditAnswerRoundTrip(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	if bot.Self.ID != srv.BotID() || !bot.Self.IsBot {
		t.Fatalf("getMe: %+v", bot.Self)
	}

	srv.SendText(ana, "/start")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || !ups[0].Message.IsCommand() || ups[0].Message.Command() != "start" {
		t.Fatalf("updates %+v, %v", ups, err)
	}
	if ups[0].Message.Chat.ID != ana.ID || ups[0].Message.From.UserName != "ana" || ups[0].Message.Chat.Type != "private" {
		t.Fatalf("message %+v", ups[0].Message)
	}

	msg := tgbotapi.NewMessage(ana.ID, "<b>Solicitud</b> de Beto &lt;&amp;&gt;")
	msg.ParseMode = tgbotapi.ModeHTML
	msg.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("Aprobar", "ap:42"),
		tgbotapi.NewInlineKeyboardButtonData("Rechazar", "re:42")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if sent.Text != "Solicitud de Beto <&>" || len(sent.Entities) != 1 || sent.Entities[0].Type != "bold" || sent.Entities[0].Length != 9 {
		t.Fatalf("sent %q %+v", sent.Text, sent.Entities)
	}
	if sent.ReplyMarkup == nil || *sent.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "re:42" {
		t.Fatalf("markup %+v", sent.ReplyMarkup)
	}

	shown := srv.WaitMessage(t, ana.ID, "Solicitud", time.Second)
	if shown.ID != sent.MessageID || shown.Buttons[0][0] != (telegramtest.Button{Text: "Aprobar", Data: "ap:42"}) {
		t.Fatalf("shown %+v", shown)
	}
	qid := srv.Press(ana, shown, "ap:42")
	ups, err = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: ups[0].UpdateID + 1})
	if err != nil || len(ups) != 1 || ups[0].CallbackQuery == nil {
		t.Fatalf("callback update %+v %v", ups, err)
	}
	cq := ups[0].CallbackQuery
	if cq.ID != qid || cq.Data != "ap:42" || cq.Message.MessageID != sent.MessageID || cq.From.ID != ana.ID {
		t.Fatalf("callback %+v", cq)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Aprobado")); err != nil {
		t.Fatalf("answer: %v", err)
	}
	_, err = bot.Request(tgbotapi.NewCallback(cq.ID, "otra vez"))
	if e := apiError(t, err); e.Code != 400 || !strings.Contains(e.Message, "query ID is invalid") {
		t.Fatalf("second answer: %+v", e)
	}
	if a := srv.Answers(); len(a) != 1 || a[0].Text != "Aprobado" || a[0].Data != "ap:42" || a[0].MessageID != sent.MessageID {
		t.Fatalf("answers %+v", a)
	}

	// editMessageText without reply_markup removes the keyboard, as Telegram does.
	edit := tgbotapi.NewEditMessageText(ana.ID, sent.MessageID, "✅ Aprobada por <i>Ana</i>")
	edit.ParseMode = tgbotapi.ModeHTML
	if _, err := bot.Send(edit); err != nil {
		t.Fatalf("edit: %v", err)
	}
	_, err = bot.Send(edit)
	if e := apiError(t, err); e.Code != 400 || !strings.Contains(e.Message, "message is not modified") {
		t.Fatalf("identical edit: %+v", e)
	}
	_, err = bot.Send(tgbotapi.NewEditMessageReplyMarkup(ana.ID, sent.MessageID, tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}))
	if e := apiError(t, err); !strings.Contains(e.Message, "message is not modified") {
		t.Fatalf("identical markup edit: %+v", e)
	}
	msgs := srv.Messages(ana.ID)
	if len(msgs) != 2 || msgs[1].Text != "✅ Aprobada por Ana" || msgs[1].HasButtons() || !msgs[1].Edited || msgs[1].Source != "✅ Aprobada por <i>Ana</i>" {
		t.Fatalf("chat now %+v", msgs)
	}
	if got := srv.Malformed(); got != 3 {
		t.Fatalf("malformed %d, want 3 (second answer, two identical edits)", got)
	}
	if calls := srv.Calls("editMessageText"); len(calls) != 2 || calls[0].Params["message_id"] == "" {
		t.Fatalf("calls %+v", calls)
	}
}

func TestEditMessageReplyMarkup(t *testing.T) {
	srv := telegramtest.New(t)
	bot := newBot(t, srv)
	msg := tgbotapi.NewMessage(beto.ID, "¿Listo?")
	msg.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Sí", "y")))
	sent, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	other := keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Ver", "https://example.org/t/1")))
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(beto.ID, sent.MessageID, other)); err != nil {
		t.Fatal(err)
	}
	m := srv.Messages(beto.ID)[0]
	if m.Text != "¿Listo?" || m.Buttons[0][0].URL != "https://example.org/t/1" {
		t.Fatalf("%+v", m)
	}
	_, err = bot.Send(tgbotapi.NewEditMessageText(beto.ID, 99, "x"))
	if e := apiError(t, err); e.Message != "Bad Request: message to edit not found" {
		t.Fatalf("%+v", e)
	}
}
