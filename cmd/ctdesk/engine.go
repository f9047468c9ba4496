package main

import (
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/conversations"
)

// newEngine builds the conversations engine of the configuration over a
// store, on a clock (time.Now, or the console's, which /reloj moves): the
// service's, and the records commands' (report, solicitud), which read the
// labels, the services' rules and the directory through it.
func newEngine(cfg *config.Config, st conversations.Store, now func() time.Time) (*conversations.Engine, error) {
	return conversations.New(engineConfig(cfg, now), st, conversations.DefaultServices()...)
}

// engineConfig is the engine's part of the configuration, on a clock.
func engineConfig(cfg *config.Config, now func() time.Time) conversations.Config {
	return conversations.Config{
		Institution: cfg.Institution, Location: cfg.Location(), Language: cfg.Language,
		DialogIdle: cfg.DialogIdle, Approvals: cfg.Approvals, MailDomain: cfg.MailDomain,
		Calendar: cfg.Calendar(), Now: now,
	}
}
