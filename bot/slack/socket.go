package slack

import (
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
	"github.com/slack-go/slack/socketmode"

	"ctdesk/bot"
)

// runSocket receives envelopes by Socket Mode until ctx is done. slack-go
// reconnects by itself on a refresh or a dropped connection; when it gives
// up (an auth error, say) the connection is tried again with backoff.
func (a *Adapter) runSocket(ctx context.Context, in *bot.Intake) error {
	sm := socketmode.New(a.client, socketmode.OptionLog(logOutput{a}))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var acks sync.WaitGroup
	defer acks.Wait()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		a.readSocket(ctx, sm, in, &acks)
	}()
	defer wg.Wait()
	for fails := 0; ctx.Err() == nil; {
		err := sm.RunContext(ctx)
		if ctx.Err() != nil {
			break
		}
		fails++
		wait := pause(fails)
		a.log.Warn("socket mode stopped, connecting again", "err", err, "in", wait)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
	}
	return nil
}

// readSocket turns envelopes into updates. Each is answered (acked) once
// its event is committed, or at the ack budget, whichever comes first; a
// request whose handling failed quickly is not acked, so Slack sends it again.
func (a *Adapter) readSocket(ctx context.Context, sm *socketmode.Client, in *bot.Intake, acks *sync.WaitGroup) {
	for {
		var ev socketmode.Event
		select {
		case <-ctx.Done():
			return
		case ev = <-sm.Events:
		}
		var u bot.Update
		ok := false
		switch ev.Type {
		case socketmode.EventTypeConnected:
			a.log.Info("socket mode connected")
			continue
		case socketmode.EventTypeConnectionError, socketmode.EventTypeInvalidAuth, socketmode.EventTypeIncomingError:
			a.log.Warn("socket mode", "event", string(ev.Type), "detail", ev.Data)
			continue
		case socketmode.EventTypeEventsAPI:
			if e, is := ev.Data.(slackevents.EventsAPIEvent); is {
				u, ok = a.fromEventsAPI(e)
			}
		case socketmode.EventTypeInteractive:
			if cb, is := ev.Data.(slack.InteractionCallback); is {
				u, ok = a.fromInteraction(cb)
			}
		case socketmode.EventTypeSlashCommand:
			if c, is := ev.Data.(slack.SlashCommand); is {
				u, ok = a.fromCommand(c)
			}
		}
		if ev.Request == nil || ev.Request.EnvelopeID == "" {
			continue
		}
		req := *ev.Request
		if !ok {
			a.ack(sm, req)
			continue
		}
		// Queued here, in the order Slack sent them; answered apart.
		done := a.submit(ctx, in, u)
		acks.Add(1)
		go func() {
			defer acks.Done()
			switch a.await(done) {
			case failed:
				a.log.Warn("event not applied; Slack will send it again", "id", u.ID, "retry_attempt", req.RetryAttempt)
			default:
				a.ack(sm, req)
			}
		}()
	}
}

func (a *Adapter) ack(sm *socketmode.Client, req socketmode.Request) {
	if err := sm.Ack(req); err != nil {
		a.log.Warn("ack", "envelope_id", req.EnvelopeID, "err", err)
	}
}

// pause grows from 1 s to 2 min with jitter.
func pause(fails int) time.Duration {
	d := min(time.Second<<min(fails-1, 7), 2*time.Minute)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// logOutput sends slack-go's log lines to the debug log.
type logOutput struct{ a *Adapter }

func (l logOutput) Output(_ int, s string) error {
	l.a.log.Debug(s)
	return nil
}
