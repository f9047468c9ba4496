package telegramtest

import (
	"math"
	"time"
)

type bucket struct {
	tokens float64
	last   time.Time
}

// refill adds tokens earned since the last look, up to capacity.
func (b *bucket) refill(now time.Time, rate float64, capacity int) {
	if b.last.IsZero() {
		b.tokens, b.last = float64(capacity), now
		return
	}
	b.tokens = math.Min(float64(capacity), b.tokens+now.Sub(b.last).Seconds()*rate)
	b.last = now
}

// wait is how long until one token is available.
func (b *bucket) wait(rate float64) time.Duration {
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

// limiter enforces per-chat, per-group and global send rates, and the retry_after windows
// given with every 429 (a send inside one is answered 429 again).
type limiter struct {
	l       Limits
	chats   map[int64]*bucket
	groups  map[int64][]time.Time
	global  bucket
	penalty map[int64]time.Time
}

func newLimiter(l Limits) *limiter {
	return &limiter{l: l, chats: map[int64]*bucket{}, groups: map[int64][]time.Time{}, penalty: map[int64]time.Time{}}
}

func ceilSeconds(d time.Duration) int {
	n := int(math.Ceil(d.Seconds()))
	if n < 1 {
		n = 1
	}
	return n
}

// take admits one message to chat or returns the retry_after in seconds.
func (l *limiter) take(chat int64, now time.Time) (int, bool) {
	if until, ok := l.penalty[chat]; ok {
		if now.Before(until) {
			return ceilSeconds(until.Sub(now)), false
		}
		delete(l.penalty, chat)
	}
	if l.l.Disabled {
		return 0, true
	}
	b := l.chats[chat]
	if b == nil {
		b = &bucket{}
		l.chats[chat] = b
	}
	b.refill(now, l.l.PerChat, l.l.Burst)
	if w := b.wait(l.l.PerChat); w > 0 {
		return l.punish(chat, now, w), false
	}
	if chat < 0 {
		win := l.groups[chat]
		cut := 0
		for cut < len(win) && now.Sub(win[cut]) >= time.Minute {
			cut++
		}
		win = win[cut:]
		l.groups[chat] = win
		if len(win) >= l.l.GroupPerMinute {
			return l.punish(chat, now, win[0].Add(time.Minute).Sub(now)), false
		}
	}
	l.global.refill(now, l.l.Global, l.l.GlobalBurst)
	if w := l.global.wait(l.l.Global); w > 0 {
		return ceilSeconds(w), false
	}
	b.tokens--
	l.global.tokens--
	if chat < 0 {
		l.groups[chat] = append(l.groups[chat], now)
	}
	return 0, true
}

func (l *limiter) punish(chat int64, now time.Time, w time.Duration) int {
	n := ceilSeconds(w)
	l.penalize(chat, now.Add(time.Duration(n)*time.Second))
	return n
}

// penalize forbids sends to chat until t.
func (l *limiter) penalize(chat int64, t time.Time) {
	if t.After(l.penalty[chat]) {
		l.penalty[chat] = t
	}
}
