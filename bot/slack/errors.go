package slack

import (
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"

	"ctdesk/bot"
)

// Slack error codes by what retrying would do.
var (
	// The person cannot be reached any more.
	blockedCodes = map[string]bool{
		"channel_not_found": true, "not_in_channel": true, "user_not_found": true, "user_disabled": true,
		"account_inactive": true, "is_archived": true, "cannot_dm_bot": true, "user_not_visible": true,
		"messages_tab_disabled": true,
	}
	// The message itself is refused.
	permanentCodes = map[string]bool{
		"invalid_blocks": true, "invalid_blocks_format": true, "msg_too_long": true, "no_text": true,
		"too_many_attachments": true, "invalid_arguments": true, "message_not_found": true,
		"cant_update_message": true, "edit_window_closed": true, "file_not_found": true,
		"invalid_name": true, "restricted_action": true,
		"cant_delete_message": true, "compliance_exports_prevent_deletion": true,
	}
	// The pressed message cannot be edited; a new one is sent instead.
	goneCodes = map[string]bool{"message_not_found": true, "cant_update_message": true, "edit_window_closed": true, "channel_not_found": true}
)

// classify wraps a Web API error in the classes the outbox understands;
// nil stays nil.
func classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var rl *slack.RateLimitedError
	if errors.As(err, &rl) {
		return &bot.RetryAfterError{After: max(rl.RetryAfter, time.Second), Err: fmt.Errorf("slack: %s: %w", op, err)}
	}
	var se slack.SlackErrorResponse
	if errors.As(err, &se) {
		switch {
		case blockedCodes[se.Err]:
			return fmt.Errorf("slack: %s: %w: %w", op, bot.ErrBlocked, err)
		case permanentCodes[se.Err]:
			return fmt.Errorf("slack: %s: %w: %w", op, bot.ErrPermanent, err)
		}
	}
	var sc slack.StatusCodeError
	if errors.As(err, &sc) && sc.Code >= 400 && sc.Code < 500 && sc.Code != 429 && sc.Code != 408 {
		return fmt.Errorf("slack: %s: %w: %w", op, bot.ErrPermanent, err)
	}
	return fmt.Errorf("slack: %s: %w", op, err)
}

// isGone reports whether an edit failed because the message cannot be
// edited any more.
func isGone(err error) bool {
	var se slack.SlackErrorResponse
	return err != nil && errors.As(err, &se) && goneCodes[se.Err]
}
