package telegram

import (
	"strings"
	"time"

	"golang.org/x/time/rate"
)

// Telegram's limits, with a small margin so that network jitter never
// makes us exceed them: about one message a second to a private chat
// (bursts of 3), 20 in any minute to a group, 30 a second overall.
var (
	privateRate  = rate.Every(1050 * time.Millisecond)
	privateBurst = 3
	groupRate    = rate.Every(3100 * time.Millisecond)
	groupBurst   = 1
	globalRate   = rate.Limit(28)
	globalBurst  = 20
)

// ChatLimit is how fast one chat may receive messages: groups (negative
// ids) are slower than private chats.
func (a *Adapter) ChatLimit(account string) (rate.Limit, int) {
	if a.cfg.NoFloodLimits {
		return rate.Inf, 1
	}
	if strings.HasPrefix(account, "-") {
		return groupRate, groupBurst
	}
	return privateRate, privateBurst
}

// GlobalLimit is how fast the bot may send overall.
func (a *Adapter) GlobalLimit() (rate.Limit, int) {
	if a.cfg.NoFloodLimits {
		return rate.Inf, 1
	}
	return globalRate, globalBurst
}
