package telegram

import (
	"context"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/conversations"
)

// Commands everyone sees, and those CT staff see besides (the engine's
// slash commands, conversations/run.go), by their Spanish names; each
// language's menu shows its own names ("tg.name.<command>").
var (
	userCommands  = []string{"start", "nueva", "mis_solicitudes", "ver", "cancelar", "ayuda"}
	staffCommands = []string{"cola", "informe", "kpi", "entregado", "programa"}
)

func commandList(lang string, staff bool) []tgbotapi.BotCommand {
	names := userCommands
	if staff {
		names = append(append([]string{}, userCommands...), staffCommands...)
	}
	out := make([]tgbotapi.BotCommand, 0, len(names))
	for _, n := range names {
		out = append(out, tgbotapi.BotCommand{Command: conversations.Text(lang, "tg.name."+n), Description: conversations.Text(lang, "tg.cmd."+n)})
	}
	return out
}

// SetCommands publishes the command menu: the requesters' commands for
// everyone (in Spanish, and in English for English clients), and the staff
// commands too in the private chats of staffChats.
func (a *Adapter) SetCommands(ctx context.Context, staffChats ...string) error {
	calls := []tgbotapi.SetMyCommandsConfig{
		{Commands: commandList("es", false)},
		{Commands: commandList("en", false), LanguageCode: "en"},
	}
	for _, chat := range staffChats {
		id, err := strconv.ParseInt(chat, 10, 64)
		if err != nil {
			continue
		}
		calls = append(calls, tgbotapi.SetMyCommandsConfig{Commands: commandList("es", true),
			Scope: &tgbotapi.BotCommandScope{Type: "chat", ChatID: id}})
	}
	for _, c := range calls {
		if _, err := a.request(ctx, "setMyCommands", c); err != nil {
			return err
		}
	}
	return nil
}
