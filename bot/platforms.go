package bot

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
)

// ErrPlatformDown: the platform that reaches the recipient cannot be
// reached itself; the message waits, its attempts not counted.
var ErrPlatformDown = errors.New("platform unreachable")

// PlatformState is how a platform is doing, as /readyz shows it.
type PlatformState struct {
	Platform string
	// Up is set once the platform answered Connect.
	Up bool
	// Since is when it came up, or when it was first found down.
	Since time.Time
	// Err is the last failure to connect, while down.
	Err error
	// Retry is when the next attempt to connect is due, while down.
	Retry time.Time
}

// Platforms runs the chat platforms side by side, each on its own: an
// adapter that cannot reach its platform (at start, or when its Run fails)
// is connected again with backoff while the others serve, and the router
// sends no message to a platform that is down.
type Platforms struct {
	log *slog.Logger
	// MaxBackoff caps the wait between attempts to connect (default 5 min).
	MaxBackoff time.Duration

	mu    sync.Mutex
	state map[string]PlatformState
}

// NewPlatforms makes a runner whose every platform starts down.
func NewPlatforms(log *slog.Logger) *Platforms {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Platforms{log: log, MaxBackoff: 5 * time.Minute, state: map[string]PlatformState{}}
}

// Run connects a, retrying with backoff until it succeeds, then runs it
// into in; when Run fails it connects again. It returns when ctx is done.
func (p *Platforms) Run(ctx context.Context, a Adapter, in *Intake) error {
	name := a.Platform()
	p.set(PlatformState{Platform: name, Since: time.Now(), Retry: time.Now()})
	for fails := 0; ctx.Err() == nil; {
		err := a.Connect(ctx)
		if err == nil {
			fails = 0
			p.set(PlatformState{Platform: name, Up: true, Since: time.Now()})
			p.log.Info("platform connected", "platform", name)
			err = a.Run(ctx, in)
			if ctx.Err() != nil {
				return nil
			}
			if err == nil {
				err = errors.New("stopped receiving")
			}
		}
		if ctx.Err() != nil {
			return nil
		}
		fails++
		wait := p.backoff(fails)
		p.down(name, err, time.Now().Add(wait))
		p.log.Error("platform unreachable, trying again", "platform", name, "in", wait.Round(time.Millisecond), "err", err)
		Sleep(ctx, wait)
	}
	return nil
}

// set records a platform's state.
func (p *Platforms) set(s PlatformState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.state[s.Platform] = s
}

// down records a failure, keeping when the platform was first found down.
func (p *Platforms) down(name string, err error, retry time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.state[name]
	if s.Up || s.Since.IsZero() {
		s.Since = time.Now()
	}
	p.state[name] = PlatformState{Platform: name, Since: s.Since, Err: err, Retry: retry}
}

// backoff grows from 1 s to MaxBackoff with jitter.
func (p *Platforms) backoff(fails int) time.Duration {
	d := min(time.Second<<min(fails-1, 10), p.MaxBackoff)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// Up reports whether the platform is connected; a platform not run by p
// (the console) counts as up.
func (p *Platforms) Up(platform string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.state[platform]
	return !ok || s.Up
}

// States lists the platforms run by p, by name.
func (p *Platforms) States() []PlatformState {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]PlatformState, 0, len(p.state))
	for _, s := range p.state {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b PlatformState) int { return strings.Compare(a.Platform, b.Platform) })
	return out
}
