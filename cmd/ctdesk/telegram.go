package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"ctdesk/bot/telegram"
)

// telegramPlatform enables Telegram when TELEGRAM_TOKEN is set: long
// polling by default, or a webhook served on the HTTP listener when
// TELEGRAM_WEBHOOK_URL is set (with TELEGRAM_WEBHOOK_SECRET). The Bot API
// endpoint comes from TELEGRAM_API_ENDPOINT (a format with two %s).
func telegramPlatform(ctx context.Context, rt *runtime) (platform, error) {
	token, err := secretEnv(rt.getenv, "TELEGRAM_TOKEN")
	if err != nil || token == "" {
		return nil, err
	}
	secret, err := secretEnv(rt.getenv, "TELEGRAM_WEBHOOK_SECRET")
	if err != nil {
		return nil, err
	}
	noLimits, err := floodLimitsOff(rt.getenv)
	if err != nil {
		return nil, err
	}
	if noLimits {
		rt.log.Warn("TELEGRAM_FLOOD_LIMITS=off: ctdesk no regula sus envíos (solo para pruebas contra un Bot API falso)")
	}
	ad, err := telegram.New(ctx, telegram.Config{
		Token:         token,
		Endpoint:      rt.getenv("TELEGRAM_API_ENDPOINT"),
		WebhookURL:    rt.getenv("TELEGRAM_WEBHOOK_URL"),
		WebhookSecret: secret,
		Log:           rt.log.With("component", "telegram"),
		NoFloodLimits: noLimits,
	})
	if err != nil {
		return nil, err
	}
	p := &telegramPlatformRun{Adapter: ad, rt: rt}
	if rt.getenv("TELEGRAM_WEBHOOK_URL") != "" {
		rt.mux.Handle("POST "+ad.WebhookPath(), ad.WebhookHandler(rt.intake, p.wake))
	}
	return p, nil
}

// floodLimitsOff reads TELEGRAM_FLOOD_LIMITS ("on" by default). "off" lifts
// ctdesk's own Telegram pacing for benchmarks against a fake Bot API, so it
// is refused unless TELEGRAM_API_ENDPOINT names a server other than
// Telegram's: Telegram throttles and may ban a bot that floods it.
func floodLimitsOff(getenv func(string) string) (bool, error) {
	switch v := getenv("TELEGRAM_FLOOD_LIMITS"); v {
	case "", "on":
		return false, nil
	case "off":
		if ep := getenv("TELEGRAM_API_ENDPOINT"); ep == "" || strings.Contains(ep, "api.telegram.org") {
			return false, errors.New("TELEGRAM_FLOOD_LIMITS=off solo se acepta con TELEGRAM_API_ENDPOINT apuntando a un " +
				"Bot API de prueba: con Telegram, ctdesk respeta siempre sus límites de envío")
		}
		return true, nil
	default:
		return false, fmt.Errorf("TELEGRAM_FLOOD_LIMITS=%q no es válido: use on u off", v)
	}
}

// telegramPlatformRun runs the adapter's intake into the runtime's intake.
type telegramPlatformRun struct {
	*telegram.Adapter
	rt *runtime
}

// Run publishes the command menu and receives updates until ctx is done.
func (p *telegramPlatformRun) Run(ctx context.Context) error {
	if err := p.SetCommands(ctx, p.staffChats(ctx)...); err != nil && ctx.Err() == nil {
		p.rt.log.Warn("telegram commands", "err", err)
	}
	return p.Adapter.Run(ctx, p.rt.intake, p.wake)
}

// wake tells the outbox dispatcher (set once the service runs).
func (p *telegramPlatformRun) wake() {
	if p.rt.wake != nil {
		p.rt.wake()
	}
}

// staffChats are the Telegram chats of CT staff, who also see /cola.
func (p *telegramPlatformRun) staffChats(ctx context.Context) []string {
	people, err := p.rt.store.People(ctx)
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
