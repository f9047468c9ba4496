// Package slack connects ctdesk to Slack: it turns direct messages, button
// presses, the /ctdesk command and mentions (by Socket Mode or by HTTP
// requests with verified signatures) into conversations events, and renders
// conversations messages as Block Kit messages in the person's direct
// message with the bot. It translates and decides nothing.
package slack

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"ctdesk/bot"
)

// Platform is the name of the platform in accounts and events.
const Platform = "slack"

// Config says how to reach Slack and how to receive from it.
type Config struct {
	// BotToken (xoxb-) is required.
	BotToken string
	// AppToken (xapp-) enables Socket Mode.
	AppToken string
	// SigningSecret enables HTTP mode (Webhooks); every request's
	// signature is checked with it.
	SigningSecret string
	// APIURL is the Web API base; Slack's when empty.
	APIURL string
	Log    *slog.Logger
	// AckBudget is how long an event may take before Slack is answered
	// anyway (it wants an answer within 3 s); default 2 s.
	AckBudget time.Duration
	// MaxBody limits an HTTP request's body; default 1 MiB.
	MaxBody int64
	// MaxFile is the largest file downloaded from a DM; default 20 MiB.
	MaxFile int64
	// ChatRate and ChatBurst pace messages to one DM; default 1/s, burst 3.
	ChatRate  rate.Limit
	ChatBurst int
	// HTTPClient is used for the Web API and files; a 30 s client when nil.
	HTTPClient *http.Client
}

// api is the part of slack-go the adapter uses.
type api interface {
	AuthTestContext(ctx context.Context) (*slack.AuthTestResponse, error)
	OpenConversationContext(ctx context.Context, p *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	PostMessageContext(ctx context.Context, channel string, opts ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channel, ts string, opts ...slack.MsgOption) (string, string, string, error)
	DeleteMessageContext(ctx context.Context, channel, ts string) (string, string, error)
	PostEphemeralContext(ctx context.Context, channel, user string, opts ...slack.MsgOption) (string, error)
	UploadFileContext(ctx context.Context, p slack.UploadFileParameters) (*slack.FileSummary, error)
	GetFileInfoContext(ctx context.Context, id string, count, page int) (*slack.File, []slack.Comment, *slack.Paging, error)
	GetFileContext(ctx context.Context, url string, w io.Writer) error
}

// Adapter is the Slack side of ctdesk: it delivers messages and receives
// events (Run for Socket Mode, Webhooks for HTTP mode).
type Adapter struct {
	cfg    Config
	client *slack.Client
	api    api
	log    *slog.Logger
	self   atomic.Pointer[string] // the bot's user id, once connected
	// accepted counts the events handed to the intake and not handled yet.
	accepted sync.WaitGroup

	mu  sync.Mutex
	dms map[string]string // user id -> DM channel id
}

var _ bot.Adapter = (*Adapter)(nil)

// New checks the bot token with auth.test and returns an adapter.
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
// Slack; Connect checks the token.
func Open(cfg Config) (*Adapter, error) {
	if cfg.BotToken == "" {
		return nil, errors.New("slack: no bot token")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.AckBudget <= 0 {
		cfg.AckBudget = 2 * time.Second
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 1 << 20
	}
	if cfg.MaxFile <= 0 {
		cfg.MaxFile = 20 << 20
	}
	if cfg.ChatRate <= 0 {
		cfg.ChatRate, cfg.ChatBurst = 1, 3
	}
	if cfg.ChatBurst <= 0 {
		cfg.ChatBurst = 1
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	opts := []slack.Option{slack.OptionHTTPClient(cfg.HTTPClient)}
	if cfg.APIURL != "" {
		// slack-go appends the method name to the base as is.
		opts = append(opts, slack.OptionAPIURL(strings.TrimSuffix(cfg.APIURL, "/")+"/"))
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	client := slack.New(cfg.BotToken, opts...)
	return &Adapter{cfg: cfg, client: client, api: client, log: cfg.Log.With("platform", Platform),
		dms: map[string]string{}}, nil
}

// Connect checks the bot token with auth.test and learns the bot's user id.
func (a *Adapter) Connect(ctx context.Context) error {
	who, err := a.api.AuthTestContext(ctx)
	if err != nil {
		return fmt.Errorf("slack: auth.test: %w", err)
	}
	a.self.Store(&who.UserID)
	return nil
}

// Platform names the platform.
func (a *Adapter) Platform() string { return Platform }

// BotUserID is the bot's Slack user id, "" until Connect succeeded.
func (a *Adapter) BotUserID() string {
	if id := a.self.Load(); id != nil {
		return *id
	}
	return ""
}

// Run receives events until ctx is done and submits them to in: by Socket
// Mode when an app token is configured; otherwise it only waits, while
// Webhooks receive. It returns after the events already accepted were
// handled.
func (a *Adapter) Run(ctx context.Context, in *bot.Intake) error {
	defer a.accepted.Wait()
	if a.cfg.AppToken == "" {
		<-ctx.Done()
		return nil
	}
	return a.runSocket(ctx, in)
}
