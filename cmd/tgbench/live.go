package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
)

// replyTimeout bounds the wait for one answer; under the global limit of
// about 30 messages a second, 200 users wait several seconds each.
const replyTimeout = 2 * time.Minute

// runLive plays users over real long polling: the fake Bot API (Telegram's
// limits on) queues what they write and press, the adapter polls and hands
// the updates to the intake, and the outbox dispatcher delivers the
// answers, which the users wait for before their next step.
func runLive(ctx context.Context, o options, rs *redisServer) (result, error) {
	res := result{name: "over long polling (fake Bot API with Telegram's limits; users wait for each answer)", telegram: true}
	k, eng, err := openSeeded(ctx, o, rs)
	if err != nil {
		return res, err
	}
	defer k.close()
	srv, err := telegramtest.Start("127.0.0.1:0")
	if err != nil {
		return res, err
	}
	defer srv.Close()
	tr := &overTelegram{srv: srv, wake: make([]chan struct{}, o.users)}
	for i := range tr.wake {
		tr.wake[i] = make(chan struct{}, 1)
	}
	// A send to a user's chat wakes that user, so 200 waiting users need
	// not poll the fake.
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if i, ok := userIndex(c.Params["chat_id"]); ok && i < len(tr.wake) {
			select {
			case tr.wake[i] <- struct{}{}:
			default:
			}
		}
		return nil
	})
	ad, err := telegram.New(ctx, telegram.Config{Token: srv.Token(), Endpoint: srv.Endpoint(), HTTPClient: srv.Client(),
		PollTimeout: 10 * time.Second})
	if err != nil {
		return res, err
	}
	m := newMeter(bot.NewLastPlatform(eng, k.st, nil), o.users)
	tr.m = m
	disp := bot.NewDispatcher(k.st, eng, bot.NewRouter(k.st, ad), bot.DispatcherConfig{})

	runCtx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = ad.Run(runCtx, bot.NewIntake(m, disp.Wake)) }()
	go func() { defer wg.Done(); _ = disp.Run(runCtx) }()
	defer func() { stop(); wg.Wait() }()

	res, err = measure(ctx, o, o.rounds, o.spread, k, m, tr, res)
	if err != nil {
		return res, err
	}
	res.reply = percentilesOf(tr.replies())
	for _, c := range srv.Calls("sendMessage") {
		if c.Status == 200 {
			res.delivered++
		}
	}
	res.tooMany, res.malformed = srv.TooMany(), srv.Malformed()
	if res.backlog, err = k.st.PendingOutbox(ctx); err != nil {
		return res, err
	}
	return res, nil
}

// overTelegram plays users as Telegram clients of the fake.
type overTelegram struct {
	srv  *telegramtest.Server
	m    *meter
	wake []chan struct{}

	mu    sync.Mutex
	reply []time.Duration
}

func (t *overTelegram) replies() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]time.Duration(nil), t.reply...)
}

func (t *overTelegram) do(ctx context.Context, i, n int, s step, last answer) (answer, error) {
	u := telegramtest.User{ID: int64(accountBase + i), FirstName: "Usuaria", LastName: strconv.Itoa(i), LanguageCode: "es"}
	after := t.srv.LastMessageID(u.ID)
	var data string
	if s.press != "" {
		var ok bool
		if data, ok = last.buttons[s.press]; !ok {
			return answer{}, fmt.Errorf("no button %q under %q", s.press, last.text)
		}
	}
	sent := time.Now()
	t.m.markSent(i, n, sent)
	if s.press != "" {
		t.srv.Press(u, last.tg, data)
	} else {
		t.srv.SendText(u, s.text)
	}
	msg, first, err := t.await(ctx, i, u.ID, after, s.want)
	if err != nil {
		return answer{}, err
	}
	t.mu.Lock()
	t.reply = append(t.reply, first.Sub(sent))
	t.mu.Unlock()
	a := answer{text: msg.Text, buttons: map[string]string{}, tg: msg}
	for _, row := range msg.Buttons {
		for _, b := range row {
			a.buttons[b.Text] = b.Data
		}
	}
	return a, nil
}

// await waits for a bot message in chat newer than after that contains
// want. It returns it and when the first bot message after after reached
// the fake.
func (t *overTelegram) await(ctx context.Context, i int, chat int64, after int, want string) (telegramtest.Message, time.Time, error) {
	deadline := time.NewTimer(replyTimeout)
	defer deadline.Stop()
	retries := 0
	for {
		var first time.Time
		for _, m := range t.srv.BotMessages(chat) {
			if m.ID <= after {
				continue
			}
			if first.IsZero() {
				first = m.Date
			}
			if strings.Contains(m.Text, want) {
				return m, first, nil
			}
		}
		if retries > 0 {
			// The fake is told of a send just before it records it: look
			// again shortly rather than wait for the next send.
			retries--
			time.Sleep(250 * time.Microsecond)
			continue
		}
		select {
		case <-t.wake[i]:
			retries = 20
		case <-time.After(time.Second):
		case <-deadline.C:
			var texts []string
			for _, m := range t.srv.BotMessages(chat) {
				if m.ID > after {
					texts = append(texts, m.Text)
				}
			}
			return telegramtest.Message{}, time.Time{}, fmt.Errorf("no answer containing %q within %v; got %q", want, replyTimeout, texts)
		case <-ctx.Done():
			return telegramtest.Message{}, time.Time{}, errors.Join(errors.New("stopped waiting"), ctx.Err())
		}
	}
}
