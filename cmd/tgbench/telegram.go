package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"ctdesk/bot/telegram/telegramtest"
)

// replyTimeout bounds the wait for one answer.
const replyTimeout = 2 * time.Minute

// newOverTelegram plays users of the fake srv. A send to a user's chat
// wakes that user, so a thousand waiting users need not poll the fake.
func newOverTelegram(srv *telegramtest.Server, users int) *overTelegram {
	t := &overTelegram{srv: srv, wake: make([]chan struct{}, users)}
	for i := range t.wake {
		t.wake[i] = make(chan struct{}, 1)
	}
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if i, ok := userIndex(c.Params["chat_id"]); ok && i < len(t.wake) {
			select {
			case t.wake[i] <- struct{}{}:
			default:
			}
		}
		return nil
	})
	return t
}

// overTelegram plays users as Telegram clients of the fake.
type overTelegram struct {
	srv  *telegramtest.Server
	wake []chan struct{}

	steps atomic.Int64 // updates answered
	mu    sync.Mutex
	reply []time.Duration
	last  time.Time // when the last answer reached the fake
}

// replies returns the reply latencies so far and forgets them.
func (t *overTelegram) replies() []time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.reply
	t.reply = nil
	return r
}

// lastReply is when the latest answer reached the fake.
func (t *overTelegram) lastReply() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.last
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
	if s.press != "" {
		t.srv.Press(u, last.tg, data)
	} else {
		t.srv.SendText(u, s.text)
	}
	msg, first, err := t.await(ctx, i, u.ID, after, s.want)
	if err != nil {
		return answer{}, err
	}
	t.steps.Add(1)
	t.mu.Lock()
	t.reply = append(t.reply, first.Sub(sent))
	if msg.Date.After(t.last) {
		t.last = msg.Date
	}
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
