package slack

import "golang.org/x/time/rate"

// Slack lets an app post about one message a second to a channel, with
// short bursts, and a few hundred a minute to a workspace.
var (
	globalRate  = rate.Limit(5)
	globalBurst = 20
)

// ChatLimit is how fast one DM may receive messages.
func (a *Adapter) ChatLimit(string) (rate.Limit, int) { return a.cfg.ChatRate, a.cfg.ChatBurst }

// GlobalLimit is how fast the bot may post overall.
func (a *Adapter) GlobalLimit() (rate.Limit, int) { return globalRate, globalBurst }
