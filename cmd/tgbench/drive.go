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

// drive runs users at once, each through rounds of the correo form, as
// fast as the bot answers. After the half-filled step of the first round
// each user waits at b. User i starts, and resumes after b, spread*i/users
// late, so that 200 people do not all write in the same millisecond. It
// returns the first error.
func drive(ctx context.Context, users, rounds int, spread time.Duration, tr transport, b *barrier) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for i := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			arrived := false
			defer func() {
				if !arrived {
					b.arrive(ctx, false)
				}
			}()
			late := spread * time.Duration(i) / time.Duration(users)
			var last answer
			bot.Sleep(ctx, late)
			for r := range rounds {
				for n, s := range correoSteps(i, r) {
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
