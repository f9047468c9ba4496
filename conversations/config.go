package conversations

import (
	"fmt"
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/lib/secret"
)

// Config is what the engine needs to know of the institution.
type Config struct {
	Institution string
	Location    *time.Location
	// Language is the default language of texts ("es" or "en").
	Language string
	// DialogIdle is how long a half-filled form waits before it is
	// discarded with a notice (default 24 h).
	DialogIdle time.Duration
	// Approvals says which requests need the supervisor's visto bueno, by
	// "<service>.<choice>" (e.g. "correo.alta"); missing keys take the
	// service's default.
	Approvals map[string]bool
	// MailDomain, when set, is the institutional domain every e-mail
	// address asked for must belong to (e.g. "upe.edu.mx").
	MailDomain string
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Calendar knows the business days (weekends, holidays, closed days);
	// default: Mexico's official holidays in Location.
	Calendar *calendar.Calendar
	// Password generates temporary passwords (default secret.TemporaryPassword).
	Password func() string
	// SecretKeep is how long a temporary password stays in the chats it
	// was delivered to when nobody signs for it (default 24 h).
	SecretKeep time.Duration
	// DirectoryTTL is how long the directory is cached (default 5 s).
	DirectoryTTL time.Duration
	// PanelURL is the address of the web panel (".../panel"), where the
	// links /panel hands out lead; "" when there is no panel.
	PanelURL string
}

func (c *Config) withDefaults() error {
	if c.Location == nil {
		c.Location = time.Local
	}
	if c.Language == "" {
		c.Language = "es"
	}
	if !texts.Known(c.Language) {
		return fmt.Errorf("conversations: language %q has no catalog", c.Language)
	}
	if c.DialogIdle <= 0 {
		c.DialogIdle = 24 * time.Hour
	}
	if c.Calendar == nil {
		c.Calendar = calendar.New(c.Location)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.SecretKeep <= 0 {
		c.SecretKeep = 24 * time.Hour
	}
	if c.Password == nil {
		c.Password = secret.TemporaryPassword
	}
	if c.DirectoryTTL <= 0 {
		c.DirectoryTTL = 5 * time.Second
	}
	return nil
}

// NeedsApproval reports whether a request with that key needs the
// supervisor's visto bueno, def being the service's default.
func (c *Config) NeedsApproval(key string, def bool) bool {
	if v, ok := c.Approvals[key]; ok {
		return v
	}
	return def
}
