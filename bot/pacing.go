package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Pacer is implemented by senders whose platform limits how fast messages
// may go out; the dispatcher waits rather than be throttled.
type Pacer interface {
	// ChatLimit is how fast one chat may receive messages, with its burst.
	ChatLimit(account string) (rate.Limit, int)
	// GlobalLimit is how fast the platform takes messages overall.
	GlobalLimit() (rate.Limit, int)
}

// pacing keeps one limiter per chat and one per platform.
//
// A platform remembers what was sent before a restart, so for the first
// moments of a process a chat's bucket (and the platform's) starts only as
// full as the time since start-up can have refilled it.
type pacing struct {
	start  time.Time
	mu     sync.Mutex
	chats  map[string]*chatLimiter
	global map[string]*rate.Limiter
}

type chatLimiter struct {
	lim  *rate.Limiter
	used time.Time
}

func newPacing() *pacing {
	return &pacing{start: time.Now(), chats: map[string]*chatLimiter{}, global: map[string]*rate.Limiter{}}
}

// wait blocks until a message may go to the account on the sender's platform.
func (p *pacing) wait(ctx context.Context, s Sender, account string) error {
	pc, ok := s.(Pacer)
	if !ok {
		return nil
	}
	key := s.Platform() + ":" + account
	p.mu.Lock()
	c := p.chats[key]
	if c == nil {
		c = &chatLimiter{lim: p.limiter(pc.ChatLimit(account))}
		p.chats[key] = c
	}
	c.used = time.Now()
	g := p.global[s.Platform()]
	if g == nil {
		g = p.limiter(pc.GlobalLimit())
		p.global[s.Platform()] = g
	}
	p.mu.Unlock()
	if err := c.lim.Wait(ctx); err != nil {
		return err
	}
	return g.Wait(ctx)
}

// limiter makes a limiter holding the tokens earned since start-up.
func (p *pacing) limiter(r rate.Limit, burst int) *rate.Limiter {
	lim := rate.NewLimiter(r, burst)
	now := time.Now()
	earned := int(float64(r) * now.Sub(p.start).Seconds())
	if spent := burst - earned; spent > 0 && r != rate.Inf {
		lim.AllowN(now, min(spent, burst))
	}
	return lim
}

// forget drops the limiters of chats idle for longer than idle; their
// buckets are full again by then.
func (p *pacing) forget(idle time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, c := range p.chats {
		if time.Since(c.used) > idle {
			delete(p.chats, k)
		}
	}
}
