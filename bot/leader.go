package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"
)

// leaderLock names the lock of the one dispatcher that delivers the outbox.
// One sender per bot is also what the platforms' global limits (Telegram's
// 30 messages/s per bot) assume: replicas pacing on their own would add up.
const leaderLock = "outbox:dispatcher"

// leadership keeps the dispatcher's lock, renewing it well before it lapses.
type leadership struct {
	d       *Dispatcher
	owner   string
	leading bool
	renewed time.Time
}

func newOwner() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// hold reports whether this dispatcher leads, taking or renewing the lock
// when due. What a crashed leader had claimed comes back when its short
// lease ends; messages waiting for a platform's retry-after keep waiting.
func (l *leadership) hold(ctx context.Context) bool {
	ttl := l.d.cfg.LeaderTTL
	if time.Since(l.renewed) < ttl/3 {
		return l.leading
	}
	ok, err := l.d.st.TryLock(ctx, leaderLock, l.owner, ttl)
	if err != nil {
		if ctx.Err() == nil {
			l.d.cfg.Log.Warn("outbox leadership", "err", err)
		}
		// Keep what we had until the lock would have lapsed.
		return l.leading && time.Since(l.renewed) < ttl
	}
	if ok && !l.leading {
		l.d.cfg.Log.Info("delivering the outbox", "owner", l.owner)
	}
	l.leading, l.renewed = ok, time.Now()
	return ok
}

// resign frees the lock at shutdown, so a successor need not wait for it
// to lapse.
func (l *leadership) resign() {
	if !l.leading {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := l.d.st.Unlock(ctx, leaderLock, l.owner); err != nil {
		l.d.cfg.Log.Warn("release the outbox", "err", err)
	}
}
