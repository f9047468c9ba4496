// Package telegram connects ctdesk to the Telegram Bot API: it turns updates
// (long polling or a webhook) into conversations events and renders
// conversations messages as Bot API calls. It translates and decides nothing.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
)

// DefaultEndpoint is Telegram's Bot API endpoint format (token, method).
const DefaultEndpoint = "https://api.telegram.org/bot%s/%s"

// Platform is the name of the platform in accounts and events.
const Platform = "telegram"

// Config says how to reach the Bot API.
type Config struct {
	Token string
	// Endpoint is a format with two %s (token, method); DefaultEndpoint when empty.
	Endpoint string
	// FileBase is the download prefix (FileBase+token+"/"+file_path); derived
	// from Endpoint when empty.
	FileBase string
	// WebhookURL switches to webhook mode; WebhookSecret is then required.
	WebhookURL    string
	WebhookSecret string
	// PollTimeout is the long-poll timeout (default 50 s).
	PollTimeout time.Duration
	Log         *slog.Logger
	// HTTPClient's Timeout must exceed PollTimeout; a client with a 70 s
	// timeout and a pool of idle connections (pooledTransport) is used
	// when nil.
	HTTPClient *http.Client
	// StaffChats, when set, lists the private chats of CT staff, whose
	// command menu also shows the staff commands.
	StaffChats func(ctx context.Context) []string
	// NoFloodLimits lifts ctdesk's own pacing (ChatLimit, GlobalLimit), so
	// a benchmark against a fake Bot API measures the bot, not the pacing.
	// Never for Telegram itself.
	NoFloodLimits bool
}

// Adapter is the Telegram side of ctdesk: it delivers messages and
// receives updates (Run, Webhooks).
type Adapter struct {
	cfg  Config
	api  *tgbotapi.BotAPI
	http *http.Client
	log  *slog.Logger
	name atomic.Pointer[string] // the bot's @username, once connected
}

var _ bot.Adapter = (*Adapter)(nil)

// New checks the token with getMe and returns an adapter.
func New(ctx context.Context, cfg Config) (*Adapter, error) {
	a, err := Open(cfg)
	if err != nil {
		return nil, err
	}
	if err := a.Connect(ctx); err != nil {
		return nil, err
	}
	return a, nil
}

// Open checks the configuration and returns an adapter without reaching
// Telegram; Connect checks the token.
func Open(cfg Config) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: no token")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	if strings.Count(cfg.Endpoint, "%s") != 2 {
		return nil, fmt.Errorf("telegram: endpoint %q needs two %%s (token, method)", cfg.Endpoint)
	}
	if cfg.FileBase == "" {
		cfg.FileBase = fileBase(cfg.Endpoint)
	}
	if cfg.WebhookURL != "" && cfg.WebhookSecret == "" {
		return nil, errors.New("telegram: a webhook needs a secret")
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 50 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: cfg.PollTimeout + 20*time.Second, Transport: pooledTransport()}
	}
	// The library's constructor would call getMe; every call here goes
	// through with(ctx), which sets the client.
	api := &tgbotapi.BotAPI{Token: cfg.Token, Buffer: 100}
	api.SetAPIEndpoint(cfg.Endpoint)
	return &Adapter{cfg: cfg, api: api, http: cfg.HTTPClient, log: cfg.Log.With("platform", Platform)}, nil
}

// Connect checks the token with getMe.
func (a *Adapter) Connect(ctx context.Context) error {
	me, err := a.with(ctx).GetMe()
	if err != nil {
		return a.wrap("getMe", err)
	}
	a.name.Store(&me.UserName)
	return nil
}

// pooledTransport keeps enough idle connections to the Bot API for the
// outbox's concurrent sends. Go's default keeps two per host, so a busy
// outbox dials (and against Telegram, handshakes TLS) for most messages.
func pooledTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

// fileBase turns "https://host/bot%s/%s" into "https://host/file/bot".
func fileBase(endpoint string) string {
	if i := strings.LastIndex(endpoint, "bot%s/%s"); i >= 0 {
		return endpoint[:i] + "file/bot"
	}
	u, err := url.Parse(strings.ReplaceAll(endpoint, "%s", "x"))
	if err != nil {
		return "https://api.telegram.org/file/bot"
	}
	return u.Scheme + "://" + u.Host + "/file/bot"
}

// Platform names the platform.
func (a *Adapter) Platform() string { return Platform }

// BotName is the bot's @username, "" until Connect succeeded.
func (a *Adapter) BotName() string {
	if n := a.name.Load(); n != nil {
		return *n
	}
	return ""
}

// ctxClient gives the library's context-free requests a context.
type ctxClient struct {
	ctx context.Context
	c   *http.Client
}

func (c ctxClient) Do(r *http.Request) (*http.Response, error) { return c.c.Do(r.WithContext(c.ctx)) }

// with returns a client of the Bot API whose requests end with ctx.
func (a *Adapter) with(ctx context.Context) *tgbotapi.BotAPI {
	b := *a.api
	b.Client = ctxClient{ctx: ctx, c: a.http}
	return &b
}

// request makes one Bot API call.
func (a *Adapter) request(ctx context.Context, op string, c tgbotapi.Chattable) (*tgbotapi.APIResponse, error) {
	resp, err := a.with(ctx).Request(c)
	if err != nil {
		return resp, a.wrap(op, err)
	}
	return resp, nil
}

// wrap prefixes err with the operation and removes the token from
// transport errors, whose text holds the whole URL.
func (a *Adapter) wrap(op string, err error) error {
	var tg *tgbotapi.Error
	if errors.As(err, &tg) {
		return fmt.Errorf("telegram: %s: %w", op, err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return &transportError{op: op, msg: a.redact(ue.Error()), timeout: ue.Timeout(), ctx: ctxErr(ue.Err)}
	}
	return fmt.Errorf("telegram: %s: %s", op, a.redact(err.Error()))
}

func (a *Adapter) redact(s string) string {
	if a.cfg.Token == "" {
		return s
	}
	return strings.ReplaceAll(s, a.cfg.Token, "<token>")
}

func ctxErr(err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return context.DeadlineExceeded
	}
	return nil
}

// transportError is a network failure with the token removed from its text.
type transportError struct {
	op, msg string
	timeout bool
	ctx     error
}

func (e *transportError) Error() string { return "telegram: " + e.op + ": " + e.msg }

// Unwrap keeps context cancellation recognisable.
func (e *transportError) Unwrap() error { return e.ctx }
