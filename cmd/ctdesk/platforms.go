package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"sort"

	"ctdesk/bot"
	"ctdesk/bot/console"
	"ctdesk/bot/slack"
	"ctdesk/bot/telegram"
	"ctdesk/cmd/internal/config"
	"ctdesk/conversations"
	"ctdesk/storage"
)

// service is what the parts of the running service are built from.
type service struct {
	env    Env
	cfg    *config.Config
	log    *slog.Logger
	store  storage.Store
	engine *conversations.Engine
	// mux serves /healthz, /readyz, /metrics and the platforms' webhooks.
	mux *http.ServeMux
	// notes are problems of the store's setup, shown in /readyz.
	notes []string
	// clock is the console's time, which /reloj moves (nil on platforms).
	clock *console.Clock
	// platforms runs the chat platforms and knows which are down; nil in
	// the console.
	platforms *bot.Platforms
	// metrics are served at /metrics.
	metrics *metrics
	// parking keeps the messages of recipients no platform reaches.
	parking *bot.Parking
}

// adapters builds the chat platforms the environment enables, in order of
// preference for routing: Telegram, then Slack. A setting that is wrong
// fails here; a platform that cannot be reached does not (Platforms
// connects it).
func (s *service) adapters() ([]bot.Adapter, error) {
	var out []bot.Adapter
	if t := s.env.Telegram; t.Token != "" {
		if t.NoFloodLimits {
			s.log.Warn("TELEGRAM_FLOOD_LIMITS=off: ctdesk no regula sus envíos (solo para pruebas contra un Bot API falso)")
		}
		// Long polling by default, or a webhook served on the HTTP listener.
		ad, err := telegram.Open(telegram.Config{
			Token: t.Token, Endpoint: t.Endpoint, WebhookURL: t.WebhookURL, WebhookSecret: t.WebhookSecret,
			Log: s.log.With("component", "telegram"), StaffChats: s.staffChats, NoFloodLimits: t.NoFloodLimits,
		})
		if err != nil {
			return nil, err
		}
		out = append(out, ad)
	}
	if sl := s.env.Slack; sl.BotToken != "" {
		if sl.AppToken == "" && sl.SigningSecret == "" {
			return nil, errors.New("slack: SLACK_BOT_TOKEN needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP requests)")
		}
		ad, err := slack.Open(slack.Config{
			BotToken: sl.BotToken, AppToken: sl.AppToken, SigningSecret: sl.SigningSecret, APIURL: sl.APIURL,
			Log: s.log.With("component", "slack"),
		})
		if err != nil {
			return nil, err
		}
		out = append(out, ad)
	}
	return out, nil
}

// staffChats are the Telegram chats of CT staff, who also see /cola.
func (s *service) staffChats(ctx context.Context) []string {
	people, err := s.store.People(ctx)
	if err != nil {
		return nil
	}
	var chats []string
	for _, person := range people {
		if acct := person.Accounts[telegram.Platform]; acct != "" && person.Role.IsStaff() && !person.Disabled {
			chats = append(chats, acct)
		}
	}
	return chats
}

// dispatcher delivers the outbox through the senders; the coordinator is
// told when someone cannot be reached, and their messages wait for them.
func (s *service) dispatcher(senders ...bot.Sender) *bot.Dispatcher {
	route := bot.NewRouter(s.engine, senders...)
	if s.platforms != nil {
		route.Up = s.platforms.Up
	}
	return bot.NewDispatcher(s.store, s.engine, route, bot.DispatcherConfig{
		Log:         s.log.With("component", "outbox"),
		Owner:       s.replica(),
		Unreachable: s.tellUnreachable,
		Parking:     s.parking,
		Observe:     s.metrics,
		MaxAttempts: s.env.Delivery.SendAttempts,

		SecretUndelivered: s.tellSecretUndelivered,
		Reached:           s.reached,
		SecretsTakenBack:  s.secretsTakenBack,
	})
}

// replica names this replica, the same after a restart: its host and its
// HTTP address, which no other live replica on the host can share.
func (s *service) replica() string {
	host, _ := os.Hostname()
	return host + " " + s.env.HTTPAddr
}

// tellUnreachable tells the coordinator that a recipient cannot be
// reached, once per recipient and ticket.
func (s *service) tellUnreachable(ctx context.Context, recipient string, m conversations.Message) {
	if err := s.engine.Unreachable(ctx, recipient, m); err != nil {
		s.log.Error("tell coordinator of an unreachable recipient", "recipient", recipient, "err", err)
	}
}

// tellSecretUndelivered offers the técnico a new temporary password when
// the ticket's one was given up for recipient.
func (s *service) tellSecretUndelivered(ctx context.Context, recipient, folio string) {
	if err := s.engine.SecretUndelivered(ctx, recipient, folio); err != nil {
		s.log.Error("offer a new password", "recipient", recipient, "folio", folio, "err", err)
	}
}

// secretsTakenBack records in the bitácora what a take-back of a
// ticket's password did in a recipient's chats.
func (s *service) secretsTakenBack(ctx context.Context, folio, recipient string, done bot.TakenBack) {
	var kept []string
	for p, why := range done.Kept {
		kept = append(kept, p)
		s.log.Warn("password message could not be deleted", "folio", folio, "recipient", recipient, "platform", p, "err", why)
	}
	sort.Strings(kept)
	if err := s.engine.SecretsTakenBack(ctx, folio, recipient, done.Deleted, kept); err != nil {
		s.log.Error("record a take-back", "folio", folio, "err", err)
	}
}

// reached clears the mark of a recipient whom no platform reached.
func (s *service) reached(ctx context.Context, recipient string) {
	if err := s.engine.Reached(ctx, recipient); err != nil {
		s.log.Warn("clear the mark of an unreached recipient", "recipient", recipient, "err", err)
	}
}

// intake is where the updates of every platform enter: the engine, behind
// the memory of each person's last platform and the release of what waited
// for the sender, measured; wake (may be nil) tells the dispatcher that
// messages are waiting.
func (s *service) intake(wake func()) *bot.Intake {
	log := s.log.With("component", "intake")
	h := bot.NewReleasing(bot.NewLastPlatform(s.engine, s.engine, log), s.parking, s.engine, log)
	return bot.NewIntake(instrumented{h, s.metrics}, wake)
}
