package main

import (
	"context"
	"errors"

	"ctdesk/bot/slack"
)

// slackPlatform enables Slack when SLACK_BOT_TOKEN is set: Socket Mode
// when SLACK_APP_TOKEN is set, and HTTP requests (/slack/events,
// /slack/interactivity, /slack/commands on the HTTP listener, each signature
// checked) when SLACK_SIGNING_SECRET is set. SLACK_API_URL points the Web
// API elsewhere (a test server).
func slackPlatform(ctx context.Context, rt *runtime) (platform, error) {
	token, err := secretEnv(rt.getenv, "SLACK_BOT_TOKEN")
	if err != nil || token == "" {
		return nil, err
	}
	appToken, err := secretEnv(rt.getenv, "SLACK_APP_TOKEN")
	if err != nil {
		return nil, err
	}
	signing, err := secretEnv(rt.getenv, "SLACK_SIGNING_SECRET")
	if err != nil {
		return nil, err
	}
	if appToken == "" && signing == "" {
		return nil, errors.New("slack: SLACK_BOT_TOKEN needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP requests)")
	}
	ad, err := slack.New(ctx, slack.Config{
		BotToken:      token,
		AppToken:      appToken,
		SigningSecret: signing,
		APIURL:        rt.getenv("SLACK_API_URL"),
		Handler:       rt.intake,
		Wake: func() {
			if rt.wake != nil {
				rt.wake()
			}
		},
		Log: rt.log.With("component", "slack"),
	})
	if err != nil {
		return nil, err
	}
	if signing != "" {
		h := ad.HTTPHandler()
		for _, path := range []string{"/slack/events", "/slack/interactivity", "/slack/commands"} {
			rt.mux.Handle("POST "+path, h)
		}
	}
	return ad, nil
}
