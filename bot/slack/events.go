package slack

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"ctdesk/conversations"
)

// request is one thing a person did, ready for a lane: who did it, and how
// to turn it into an event (which may download files).
type request struct {
	user  string
	id    string
	build func(ctx context.Context) (conversations.Event, error)
	// press marks a button press, whose notice is shown to the presser.
	press bool
}

// fromEventsAPI translates an Events API callback; ok is false for what the
// bot ignores (its own messages, edits, channels other than its DMs).
func (a *Adapter) fromEventsAPI(e slackevents.EventsAPIEvent) (request, bool) {
	cb, ok := e.Data.(*slackevents.EventsAPICallbackEvent)
	if !ok || e.Type != slackevents.CallbackEvent {
		return request{}, false
	}
	id := "sl:" + cb.EventID
	switch in := e.InnerEvent.Data.(type) {
	case *slackevents.MessageEvent:
		if !in.IsIM() || in.User == "" || in.User == a.self || in.BotID != "" ||
			(in.SubType != "" && in.SubType != "file_share") {
			return request{}, false
		}
		files := in.Message.Files
		return request{user: in.User, id: id, build: func(ctx context.Context) (conversations.Event, error) {
			ev := conversations.Event{ID: id, Platform: Platform, Account: in.User, Text: plainText(in.Text)}
			if ev.ID == "sl:" {
				ev.ID = "sl:m:" + in.Channel + ":" + in.TimeStamp
			}
			for _, f := range files {
				got, err := a.download(ctx, f)
				if err != nil {
					return ev, err
				}
				ev.Files = append(ev.Files, got)
			}
			return ev, nil
		}}, true
	case *slackevents.AppMentionEvent:
		if in.User == "" || in.User == a.self || in.BotID != "" {
			return request{}, false
		}
		// A mention anywhere opens the menu in the person's DM.
		return request{user: in.User, id: id, build: func(context.Context) (conversations.Event, error) {
			return conversations.Event{ID: id, Platform: Platform, Account: in.User, Text: "/start"}, nil
		}}, true
	}
	return request{}, false
}

// fromInteraction translates a button press on one of the bot's messages.
func (a *Adapter) fromInteraction(cb slack.InteractionCallback) (request, bool) {
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) == 0 || cb.User.ID == "" {
		return request{}, false
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
	return request{user: user, id: id, press: true, build: func(context.Context) (conversations.Event, error) {
		return conversations.Event{ID: id, Platform: Platform, Account: user, Button: act.Value,
			Pressed: channel + ":" + ts}, nil
	}}, true
}

// fromCommand translates /ctdesk: alone it opens the menu; with words it
// runs them as the command of that name ("/ctdesk ayuda" is /ayuda).
func (a *Adapter) fromCommand(c slack.SlashCommand) (request, bool) {
	if c.UserID == "" {
		return request{}, false
	}
	text := "/start"
	if arg := strings.TrimSpace(c.Text); arg != "" {
		text = "/" + strings.TrimPrefix(arg, "/")
	}
	id := "sl:c:" + c.TriggerID
	return request{user: c.UserID, id: id, build: func(context.Context) (conversations.Event, error) {
		return conversations.Event{ID: id, Platform: Platform, Account: c.UserID, Text: text}, nil
	}}, true
}

// handle applies a request: builds the event, hands it to the intake, shows
// the notice of a press, and wakes the outbox.
func (a *Adapter) handle(ctx context.Context, r request) error {
	ev, err := r.build(ctx)
	if err != nil {
		return fmt.Errorf("slack: event %s: %w", r.id, err)
	}
	res, err := a.cfg.Handler.Handle(ctx, ev)
	if err != nil {
		return fmt.Errorf("slack: handle %s: %w", r.id, err)
	}
	if len(res.Messages) > 0 {
		a.wake()
	}
	if res.Notice != "" && r.press && !res.Duplicate {
		a.notice(ctx, r.user, res.Notice)
	}
	return nil
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
