package main

import (
	"ctdesk/conversations"
	"ctdesk/storage"
)

// newEngine builds the conversations engine of the configuration over a
// store: the service's, and the records commands' (report, solicitud),
// which read the labels, the services' rules and the directory through it.
func newEngine(cfg *Config, st storage.Store) (*conversations.Engine, error) {
	return conversations.New(conversations.Config{
		Institution: cfg.Institution, Location: cfg.location, Language: cfg.Language,
		DialogIdle: cfg.DialogIdle, Approvals: cfg.Approvals, MailDomain: cfg.MailDomain,
		Calendar: cfg.calendar(),
	}, st, conversations.DefaultServices()...)
}
