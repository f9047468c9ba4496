package main

import (
	"context"
	"log/slog"
	"net/http"

	"ctdesk/bot"
	"ctdesk/conversations"
	"ctdesk/storage"
)

// runtime is what the platforms and the scheduler are built from.
type runtime struct {
	cfg    *Config
	getenv func(string) string
	log    *slog.Logger
	store  storage.Store
	engine *conversations.Engine
	intake bot.Handler
	// mux serves /healthz, /readyz, /metrics and the platforms' webhooks.
	mux *http.ServeMux
	// wake tells the outbox dispatcher that messages are waiting.
	wake func()
	// notes are problems of the store's setup, shown in /readyz.
	notes []string
}

// platform is a chat platform: it delivers messages and runs its intake
// until ctx is done.
type platform interface {
	bot.Sender
	Run(ctx context.Context) error
}

// platformFactory builds a platform from the environment; it returns nil
// when the platform is not configured.
type platformFactory func(ctx context.Context, rt *runtime) (platform, error)

// platformFactories are tried in order of preference for routing.
var platformFactories = []platformFactory{telegramPlatform, slackPlatform}
