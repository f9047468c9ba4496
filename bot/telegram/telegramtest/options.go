package telegramtest

import "time"

// Limits are the rate limits the server enforces on sendMessage, sendDocument and sendPhoto.
type Limits struct {
	PerChat        float64 // messages per second to one chat (default 1)
	Burst          int     // messages one chat may take at once before the rate applies (default 3)
	GroupPerMinute int     // messages per minute to one group, chat id < 0 (default 20)
	Global         float64 // messages per second over all chats (default 30)
	GlobalBurst    int     // default 30
	Disabled       bool
}

// DefaultLimits are Telegram's documented limits with a small burst.
func DefaultLimits() Limits {
	return Limits{PerChat: 1, Burst: 3, GroupPerMinute: 20, Global: 30, GlobalBurst: 30}
}

type config struct {
	token           string
	botName         string
	botUserName     string
	limits          Limits
	maxPoll         time.Duration
	hookAttempts    int
	hookBackoff     time.Duration
	hookTimeout     time.Duration
	knownChatsOnly  bool
	logf            func(string, ...any)
	uploadLimit     int
	photoLimit      int
	downloadLimit   int
	callbackTimeout time.Duration
}

func defaultConfig() config {
	return config{
		token:         DefaultToken,
		botName:       "CT Desk",
		botUserName:   "ctdesk_test_bot",
		limits:        DefaultLimits(),
		maxPoll:       50 * time.Second,
		hookAttempts:  5,
		hookBackoff:   100 * time.Millisecond,
		hookTimeout:   10 * time.Second,
		uploadLimit:   50 << 20,
		photoLimit:    10 << 20,
		downloadLimit: 20 << 20,
	}
}

// Option configures a Server.
type Option func(*config)

// WithToken sets the accepted bot token (its digits before ":" become the bot's id).
func WithToken(token string) Option { return func(c *config) { c.token = token } }

// WithBotName sets getMe's first_name and username.
func WithBotName(firstName, userName string) Option {
	return func(c *config) { c.botName, c.botUserName = firstName, userName }
}

// WithLimits replaces the rate limits; zero fields keep their defaults.
func WithLimits(l Limits) Option {
	return func(c *config) {
		d := DefaultLimits()
		if l.PerChat == 0 {
			l.PerChat = d.PerChat
		}
		if l.Burst == 0 {
			l.Burst = d.Burst
		}
		if l.GroupPerMinute == 0 {
			l.GroupPerMinute = d.GroupPerMinute
		}
		if l.Global == 0 {
			l.Global = d.Global
		}
		if l.GlobalBurst == 0 {
			l.GlobalBurst = d.GlobalBurst
		}
		c.limits = l
	}
}

// WithoutLimits turns the rate limits off (injected faults still apply).
func WithoutLimits() Option { return func(c *config) { c.limits.Disabled = true } }

// WithMaxPoll bounds how long getUpdates waits whatever timeout is asked (default 50s).
func WithMaxPoll(d time.Duration) Option { return func(c *config) { c.maxPoll = d } }

// WithWebhookRetry sets how many times an update is POSTed before it is dropped, the first
// pause between attempts (doubled each time) and the per-request timeout.
func WithWebhookRetry(attempts int, backoff, timeout time.Duration) Option {
	return func(c *config) { c.hookAttempts, c.hookBackoff, c.hookTimeout = attempts, backoff, timeout }
}

// WithKnownChatsOnly makes sends to a private chat whose user never wrote to the bot fail with
// 403 "Forbidden: bot can't initiate conversation with a user", and to unknown groups with
// 400 "Bad Request: chat not found", as Telegram does.
func WithKnownChatsOnly() Option { return func(c *config) { c.knownChatsOnly = true } }

// WithFileLimits overrides the upload (50 MB), photo upload (10 MB) and getFile (20 MB) limits.
func WithFileLimits(upload, photo, download int) Option {
	return func(c *config) { c.uploadLimit, c.photoLimit, c.downloadLimit = upload, photo, download }
}

// WithCallbackTimeout makes answerCallbackQuery fail once a press is older than d
// (Telegram: about 15 s). Zero, the default, never expires presses.
func WithCallbackTimeout(d time.Duration) Option { return func(c *config) { c.callbackTimeout = d } }

// WithLogf sets where rejected requests are logged; nil silences them. New logs to the test.
func WithLogf(logf func(format string, args ...any)) Option { return withLogf(logf) }

func withLogf(logf func(string, ...any)) Option { return func(c *config) { c.logf = logf } }
