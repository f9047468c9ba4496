package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/telegram/telegramtest"
)

// answer is the bot's reply a user acts on next.
type answer struct {
	text    string
	buttons map[string]string    // label -> callback data (button code)
	tg      telegramtest.Message // the message carrying the buttons, over Telegram
}

// transport carries one user's steps to the bot and brings back its answer.
type transport interface {
	// do makes user i take step s (step n of the form), whose buttons (if
	// any) are on last, and returns the bot's answer that contains s.want.
	do(ctx context.Context, i, n int, s step, last answer) (answer, error)
}

// plan says how the users play.
type plan struct {
	users  int
	rounds int           // forms each user fills; 0 with until: as many as fit
	until  time.Time     // with rounds 0, no form starts after this
	spread time.Duration // user i starts spread*i/users late
	think  time.Duration // pause before each step
}

func (p plan) another(round int) bool {
	if p.rounds > 0 {
		return round < p.rounds
	}
	return time.Now().Before(p.until)
}

// drive runs the users at once, each through rounds of the correo form, as
// fast as the bot answers (plus p.think). After the half-filled step of
// the first round each user waits at b. User i starts, and resumes after
// b, spread*i/users late, so that 200 people do not all write in the same
// millisecond. It returns the first error.
func drive(ctx context.Context, p plan, tr transport, b *barrier) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for i := range p.users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arrived := false
			defer func() {
				if !arrived {
					b.arrive(ctx, false)
				}
			}()
			late := p.spread * time.Duration(i) / time.Duration(p.users)
			var last answer
			bot.Sleep(ctx, late)
			for r := 0; p.another(r) && ctx.Err() == nil; r++ {
				for n, s := range correoSteps(i, r) {
					bot.Sleep(ctx, p.think)
					a, err := tr.do(ctx, i, n, s, last)
					if err != nil {
						once.Do(func() { first = fmt.Errorf("user %d, round %d, step %d (%s%s): %w", i, r, n+1, s.text, s.press, err) })
						cancel()
						return
					}
					last = a
					if r == 0 && n+1 == halfFilled {
						arrived = true
						b.arrive(ctx, true)
						bot.Sleep(ctx, late)
					}
				}
			}
		}()
	}
	wg.Wait()
	return first
}
