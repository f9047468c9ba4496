package main

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// runDirect plays the same users and form straight into the intake (the
// handler the adapter is given), with no HTTP and no delivery: each user
// sends the next update as soon as the last one is committed, taking the
// button codes from the committed messages. This is the capacity of
// dialog and store alone.
func runDirect(ctx context.Context, o options, rs *lazyRedis) (result, error) {
	res := result{name: "intake only (no HTTP, no delivery; next update as soon as the last is committed)"}
	k, eng, err := openSeeded(ctx, o, rs)
	if err != nil {
		return res, err
	}
	defer k.close()
	m := newMeter(bot.NewIntake(bot.NewLastPlatform(eng, k.st, nil), nil), o.users)
	tr := &direct{m: m}
	// All at once: this part measures capacity, bursts included.
	return measure(ctx, o, plan{users: o.users, rounds: o.intakeRounds}, k, m, tr, res)
}

// direct hands events to the meter as the adapter would.
type direct struct {
	m   *meter
	seq atomic.Int64
}

func (d *direct) do(ctx context.Context, i, n int, s step, last answer) (answer, error) {
	ev := conversations.Event{ID: fmt.Sprintf("bench:%d", d.seq.Add(1)), Platform: "telegram",
		Account: userAccount(i), Name: "Usuaria " + fmt.Sprint(i), Text: s.text}
	if s.press != "" {
		code, ok := last.buttons[s.press]
		if !ok {
			return answer{}, fmt.Errorf("no button %q under %q", s.press, last.text)
		}
		ev.Text, ev.Button = "", code
	}
	d.m.markSent(i, n, time.Now())
	res, err := d.m.Handle(ctx, ev)
	if err != nil {
		return answer{}, err
	}
	var got []string
	for _, msg := range res.Messages {
		if msg.To != personID(i) {
			continue
		}
		if strings.Contains(msg.Text, s.want) {
			a := answer{text: msg.Text, buttons: map[string]string{}}
			for _, row := range msg.Buttons {
				for _, b := range row {
					a.buttons[b.Label] = b.Code
				}
			}
			return a, nil
		}
		got = append(got, msg.Text)
	}
	return answer{}, fmt.Errorf("no answer containing %q; got %q", s.want, got)
}
