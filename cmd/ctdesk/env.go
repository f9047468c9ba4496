package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strings"
)

// Env is ctdesk's environment (DESIGN §6), read once at start; the rest of
// the command takes what it needs from it. Secrets may come from a file
// named by NAME_FILE instead of NAME.
type Env struct {
	// Config is the YAML configuration file (CTDESK_CONFIG); the bundled
	// example when empty.
	Config string
	// Data is the embedded store's file (CTDESK_DATA), used without RedisURL.
	Data string
	// RedisURL makes Redis the store (REDIS_URL, a secret: it may carry a
	// password); RedisPrefix starts its keys (CTDESK_REDIS_PREFIX).
	RedisURL    string
	RedisPrefix string
	// HTTPAddr is the health, metrics, webhooks and web panel listener
	// (CTDESK_HTTP_ADDR); HTTPAddrSet says it was given.
	HTTPAddr    string
	HTTPAddrSet bool
	// PublicURL is where people reach that listener (CTDESK_PUBLIC_URL):
	// the web panel's links start with it. Empty: http:// and the address
	// the listener got.
	PublicURL string
	// LogLevel is debug, info, warn or error (CTDESK_LOG_LEVEL, default
	// info); LogFormat is text or json (CTDESK_LOG_FORMAT, default text).
	LogLevel  slog.Level
	LogFormat string
	// Demo allows serving chat platforms on the built-in example directory
	// (CTDESK_DEMO=1).
	Demo bool
	// User is the system user who runs ctdesk (USER, else LOGNAME): the
	// bitácora names them for a command that writes without --como.
	User     string
	Telegram TelegramEnv
	Slack    SlackEnv
	Delivery DeliveryEnv
}

// TelegramEnv enables Telegram when Token is set.
type TelegramEnv struct {
	Token         string // TELEGRAM_TOKEN (secret)
	Endpoint      string // TELEGRAM_API_ENDPOINT, a format with two %s
	WebhookURL    string // TELEGRAM_WEBHOOK_URL: a webhook instead of long polling
	WebhookSecret string // TELEGRAM_WEBHOOK_SECRET (secret)
	// NoFloodLimits lifts ctdesk's own pacing (TELEGRAM_FLOOD_LIMITS=off),
	// for benchmarks against a fake Bot API only.
	NoFloodLimits bool
}

// SlackEnv enables Slack when BotToken is set, with AppToken (Socket Mode)
// or SigningSecret (HTTP requests).
type SlackEnv struct {
	BotToken      string // SLACK_BOT_TOKEN (secret)
	AppToken      string // SLACK_APP_TOKEN (secret)
	SigningSecret string // SLACK_SIGNING_SECRET (secret)
	APIURL        string // SLACK_API_URL: the Web API elsewhere (a test server)
}

// readEnv reads the environment through getenv, with its defaults; every
// secret file that cannot be read is reported.
func readEnv(getenv func(string) string) (Env, error) {
	r := envReader{getenv: getenv}
	e := Env{
		Config:      getenv("CTDESK_CONFIG"),
		Data:        or(getenv("CTDESK_DATA"), "ctdesk.db"),
		RedisURL:    r.secret("REDIS_URL"),
		RedisPrefix: getenv("CTDESK_REDIS_PREFIX"),
		HTTPAddr:    or(getenv("CTDESK_HTTP_ADDR"), "127.0.0.1:8080"),
		User:        or(getenv("USER"), getenv("LOGNAME")),
		HTTPAddrSet: getenv("CTDESK_HTTP_ADDR") != "",
		Telegram: TelegramEnv{
			Token:         r.secret("TELEGRAM_TOKEN"),
			Endpoint:      getenv("TELEGRAM_API_ENDPOINT"),
			WebhookURL:    getenv("TELEGRAM_WEBHOOK_URL"),
			WebhookSecret: r.secret("TELEGRAM_WEBHOOK_SECRET"),
		},
		Slack: SlackEnv{
			BotToken:      r.secret("SLACK_BOT_TOKEN"),
			AppToken:      r.secret("SLACK_APP_TOKEN"),
			SigningSecret: r.secret("SLACK_SIGNING_SECRET"),
			APIURL:        getenv("SLACK_API_URL"),
		},
	}
	r.switches(&e)
	r.floodLimits(&e.Telegram)
	r.publicURL(&e)
	r.delivery(&e)
	return e, errors.Join(r.errs...)
}

// switches reads the operator's switches (log level and format, demo); a
// value it does not know is an error that says which values it takes.
func (r *envReader) switches(e *Env) {
	if v := strings.TrimSpace(r.getenv("CTDESK_LOG_LEVEL")); v != "" {
		if err := e.LogLevel.UnmarshalText([]byte(v)); err != nil {
			r.errs = append(r.errs, fmt.Errorf("CTDESK_LOG_LEVEL=%s no es un nivel de registro: usa debug, info, warn o error", v))
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(r.getenv("CTDESK_LOG_FORMAT"))); v {
	case "", "text", "texto":
		e.LogFormat = "text"
	case "json":
		e.LogFormat = "json"
	default:
		r.errs = append(r.errs, fmt.Errorf("CTDESK_LOG_FORMAT=%s no es un formato de registro: usa text o json", v))
	}
	switch v := strings.ToLower(strings.TrimSpace(r.getenv("CTDESK_DEMO"))); v {
	case "", "0", "false", "no":
	case "1", "true", "si", "sí", "yes":
		e.Demo = true
	default:
		r.errs = append(r.errs, fmt.Errorf("CTDESK_DEMO=%s: usa 1 para permitir el ejemplo incluido con tokens reales, o quítala", v))
	}
}

// publicURL reads CTDESK_PUBLIC_URL: an http or https address, without a
// trailing slash.
func (r *envReader) publicURL(e *Env) {
	v := strings.TrimRight(strings.TrimSpace(r.getenv("CTDESK_PUBLIC_URL")), "/")
	if v == "" {
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		r.errs = append(r.errs, fmt.Errorf("CTDESK_PUBLIC_URL=%s no es una dirección web: escríbela como https://mesa.upe.edu.mx", v))
		return
	}
	e.PublicURL = v
}

// floodLimits reads TELEGRAM_FLOOD_LIMITS ("on" by default). "off" lifts
// ctdesk's own Telegram pacing for benchmarks against a fake Bot API, so it
// is refused unless TELEGRAM_API_ENDPOINT names a server other than
// Telegram's: Telegram throttles and may ban a bot that floods it.
func (r *envReader) floodLimits(t *TelegramEnv) {
	switch v := strings.TrimSpace(r.getenv("TELEGRAM_FLOOD_LIMITS")); v {
	case "", "on":
	case "off":
		if t.Endpoint == "" || strings.Contains(t.Endpoint, "api.telegram.org") {
			r.errs = append(r.errs, errors.New("TELEGRAM_FLOOD_LIMITS=off solo se acepta con TELEGRAM_API_ENDPOINT apuntando a un "+
				"Bot API de prueba: con Telegram, ctdesk respeta siempre sus límites de envío"))
			return
		}
		t.NoFloodLimits = true
	default:
		r.errs = append(r.errs, fmt.Errorf("TELEGRAM_FLOOD_LIMITS=%q no es válido: usa on u off", v))
	}
}

// platformTokens names the platform tokens set in the environment.
func (e Env) platformTokens() []string {
	var set []string
	if e.Telegram.Token != "" {
		set = append(set, "TELEGRAM_TOKEN")
	}
	if e.Slack.BotToken != "" {
		set = append(set, "SLACK_BOT_TOKEN")
	}
	return set
}

// envReader reads secrets and collects the errors of their files.
type envReader struct {
	getenv func(string) string
	errs   []error
}

// secret reads NAME, or the file named by NAME_FILE.
func (r *envReader) secret(name string) string {
	if v := r.getenv(name); v != "" {
		return v
	}
	path := r.getenv(name + "_FILE")
	if path == "" {
		return ""
	}
	b, err := os.ReadFile(path)
	if err != nil {
		r.errs = append(r.errs, fmt.Errorf("%s_FILE: no pude leer el secreto: %w", name, err))
		return ""
	}
	return strings.TrimSpace(string(b))
}

// or is v, or def when v is empty.
func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
