package telegram

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
)

// errNotModified is Telegram refusing an edit that changes nothing: the
// message already shows what we wanted.
const errNotModified = "message is not modified"

// classify maps a Bot API failure onto the bot package's error contract:
// *bot.RetryAfterError for 429, bot.ErrBlocked for 403 and for a 400 that
// says the chat does not exist (a person who never pressed Start),
// bot.ErrPermanent for another refused request; nil for an edit that was
// already applied; anything else
// (5xx, network, and 401/404 which mean a wrong token or endpoint that an
// operator must fix) is returned as is and retried.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var tg *tgbotapi.Error
	if !errors.As(err, &tg) {
		return err
	}
	// Multipart uploads leave Code 0: look at the parameters and the text.
	code := tg.Code
	switch {
	case code == 0 && tg.RetryAfter > 0, code == 0 && strings.HasPrefix(tg.Message, "Too Many Requests"):
		code = http.StatusTooManyRequests
	case code == 0 && strings.HasPrefix(tg.Message, "Forbidden"):
		code = http.StatusForbidden
	case code == 0 && strings.HasPrefix(tg.Message, "Bad Request"):
		code = http.StatusBadRequest
	case code == 0 && strings.HasPrefix(tg.Message, "Request Entity Too Large"):
		code = http.StatusRequestEntityTooLarge
	}
	switch {
	case code == http.StatusTooManyRequests:
		after := time.Duration(max(tg.RetryAfter, 1)) * time.Second
		return &bot.RetryAfterError{After: after, Err: err}
	case code == http.StatusForbidden:
		return fmt.Errorf("%w: %w", bot.ErrBlocked, err)
	case code == http.StatusBadRequest && strings.Contains(tg.Message, errNotModified):
		return nil
	case code == http.StatusBadRequest && chatGone(tg.Message):
		return fmt.Errorf("%w: %w", bot.ErrBlocked, err)
	case code == http.StatusBadRequest, code == http.StatusRequestEntityTooLarge:
		return fmt.Errorf("%w: %w", bot.ErrPermanent, err)
	}
	return err
}

// chatGone reports whether a 400's description says the chat cannot be
// reached rather than that the message is wrong.
func chatGone(desc string) bool {
	d := strings.ToLower(desc)
	for _, s := range []string{"chat not found", "user not found", "peer_id_invalid", "user is deactivated", "bot was kicked"} {
		if strings.Contains(d, s) {
			return true
		}
	}
	return false
}
