package slack

import (
	"context"
	"time"

	"ctdesk/bot"
)

// handleTimeout bounds the handling of one event, also after shutdown began.
const handleTimeout = 30 * time.Second

// outcome is how handling an event ended, as the answer to Slack needs it.
type outcome int

const (
	handled outcome = iota // committed (or a duplicate, or nothing to do)
	failed                 // not committed: Slack may deliver it again
	late                   // still running when the budget ran out
)

// submit hands an event to the intake, behind the person's earlier ones;
// the channel gets the outcome. The handling is not cut short by a
// shutdown: Slack was (or will be) told the event arrived.
func (a *Adapter) submit(ctx context.Context, in *bot.Intake, u bot.Update) <-chan error {
	done := make(chan error, 1)
	a.accepted.Add(1)
	u.Timeout = handleTimeout
	u.Done = func(err error) {
		done <- err
		a.accepted.Done()
	}
	in.Submit(context.WithoutCancel(ctx), u)
	return done
}

// await says how the work went within the ack budget. Slack wants an
// answer within 3 s: when the work commits in time the answer comes after
// it, so a crash before the commit leaves Slack to deliver again (and the
// engine applies it once); when the store is slow the answer goes at the
// budget and the work continues behind it.
func (a *Adapter) await(done <-chan error) outcome {
	t := time.NewTimer(a.cfg.AckBudget)
	defer t.Stop()
	select {
	case err := <-done:
		if err != nil {
			a.log.Error("event not applied", "err", err)
			return failed
		}
		return handled
	case <-t.C:
		go func() {
			if err := <-done; err != nil {
				a.log.Error("event not applied after its ack", "err", err)
			}
		}()
		return late
	}
}
