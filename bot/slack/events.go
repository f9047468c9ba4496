package slack

import (
	"context"
	"regexp"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// event makes an update's event from what is known when it arrives.
// remember is how long a Slack event is recognised when it comes again:
// Slack retries an unacknowledged event within minutes.
const remember = time.Hour

func event(ev conversations.Event) func(context.Context) (conversations.Event, bool, error) {
	return func(context.Context) (conversations.Event, bool, error) { return ev, true, nil }
}

// fromEventsAPI translates an Events API callback; ok is false for what the
// bot ignores (its own messages, edits, channels other than its DMs).
func (a *Adapter) fromEventsAPI(e slackevents.EventsAPIEvent) (bot.Update, bool) {
	cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || e.Type != slackevents.CallbackEvent {
		return bot.Update{}, false
	}
	id := "sl:" + cb.EventID
	switch in := e.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		if !in.IsIM() || in.User == "" || in.User == a.BotUserID() || in.BotID != "" ||
			(in.SubType != "" && in.SubType != "file_share") {
			return bot.Update{}, false
		}
		files := in.Message.Files
		return bot.Update{Key: Platform + ":" + in.User, ID: id, Event: func(ctx context.Context) (conversations.Event, bool, error) {
			ev := conversations.Event{ID: id, Remember: remember, Platform: Platform, Account: in.User, Text: plainText(in.Text)}
			if ev.ID == "sl:" {
				ev.ID = "sl:m:" + in.Channel + ":" + in.TimeStamp
			}
			for _, f := range files {
				got, err := a.download(ctx, f)
				if err != nil {
					return ev, false, err
				}
				ev.Files = append(ev.Files, got)
			}
			return ev, true, nil
		}}, true
	case *slackevents.AppMentionEvent:
		if in.User == "" || in.User == a.BotUserID() || in.BotID != "" {
			return bot.Update{}, false
		}
		// A mention anywhere opens the menu in the person's DM.
		return bot.Update{Key: Platform + ":" + in.User, ID: id,
			Event: event(conversations.Event{ID: id, Remember: remember, Platform: Platform, Account: in.User, Text: "/start"})}, true
	}
	return bot.Update{}, false
}

// fromInteraction translates a button press on one of the bot's messages.
func (a *Adapter) fromInteraction(cb slack.InteractionCallback) (bot.Update, bool) {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 || cb.User.ID == "" {
		return bot.Update{}, false
	}
	act := cb.ActionCallback.BlockActions[0]
	channel, ts := cb.Container.ChannelID, cb.Container.MessageTs
	if channel == "" {
		channel = cb.Channel.ID
	}
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	id := "sl:a:" + act.ActionTs + "/" + cb.TriggerID
	user := cb.User.ID
	return bot.Update{Key: Platform + ":" + user, ID: id,
		Event: event(conversations.Event{ID: id, Remember: remember, Platform: Platform, Account: user, Button: act.Value, Pressed: channel + ":" + ts}),
		// The notice of a press is shown to the presser.
		Answer: func(ctx context.Context, notice string) {
			if notice != "" {
				a.notice(ctx, user, notice)
			}
		}}, true
}

// fromCommand translates /ctdesk: alone it opens the menu; with words it
// runs them as the command of that name ("/ctdesk ayuda" is /ayuda).
func (a *Adapter) fromCommand(c slack.SlashCommand) (bot.Update, bool) {
	if c.UserID == "" {
		return bot.Update{}, false
	}
	text := "/start"
	if arg := strings.TrimSpace(c.Text); arg != "" {
		text = "/" + strings.TrimLeft(arg, "/")
	}
	id := "sl:c:" + c.TriggerID
	return bot.Update{Key: Platform + ":" + c.UserID, ID: id,
		Event: event(conversations.Event{ID: id, Remember: remember, Platform: Platform, Account: c.UserID, Text: text})}, true
}

// notice shows the answer to a press to the presser alone, in their DM
// (the pressed message may be in someone else's). It is not kept: a lost
// notice is a lost toast.
func (a *Adapter) notice(ctx context.Context, user, text string) {
	channel, err := a.dm(ctx, user)
	if err == nil {
		_, err = a.api.PostEphemeralContext(ctx, channel, user, slack.MsgOptionText(escape(text), false))
	}
	if err != nil {
		a.log.Warn("notice", "user", user, "err", err)
	}
}

// links are Slack's <target|label> and <target> markup in message text.
var links = regexp.MustCompile(`<([^<>|]*)(?:\|([^<>]*))?>`)

// plainText undoes Slack's message markup: links and e-mail addresses
// become what the person typed, and &amp; &lt; &gt; the characters.
func plainText(s string) string {
	s = links.ReplaceAllStringFunc(s, func(m string) string {
		g := links.FindStringSubmatch(m)
		target, label := g[1], g[2]
		switch {
		case strings.HasPrefix(target, "mailto:"):
			return strings.TrimPrefix(target, "mailto:")
		case strings.HasPrefix(target, "@"), strings.HasPrefix(target, "#"), strings.HasPrefix(target, "!"):
			if label != "" {
				return label
			}
			return target
		case label != "" && !strings.Contains(label, "://") && strings.Contains(target, "://"+label):
			return label // a bare domain the client turned into a link
		}
		return target
	})
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(strings.TrimSpace(s))
}

// escape protects text for Slack's markup.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
