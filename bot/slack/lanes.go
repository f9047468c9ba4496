package slack

import (
	"context"
	"sync"
	"time"
)

// lanes runs jobs one after another per key (a Slack user), different keys
// in parallel. A lane's goroutine ends when its queue is empty; wait
// returns when every accepted job has run.
type lanes struct {
	mu     sync.Mutex
	queues map[string][]func()
	wg     sync.WaitGroup
}

func newLanes() *lanes { return &lanes{queues: map[string][]func(){}} }

// add queues job behind the key's earlier jobs.
func (l *lanes) add(key string, job func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	q, running := l.queues[key]
	l.queues[key] = append(q, job)
	if running {
		return
	}
	l.wg.Add(1)
	go l.run(key)
}

func (l *lanes) run(key string) {
	defer l.wg.Done()
	for {
		l.mu.Lock()
		q := l.queues[key]
		if len(q) == 0 {
			delete(l.queues, key)
			l.mu.Unlock()
			return
		}
		job := q[0]
		l.queues[key] = q[1:]
		l.mu.Unlock()
		job()
	}
}

func (l *lanes) wait() { l.wg.Wait() }

// handleTimeout bounds the handling of one event, also after shutdown began.
const handleTimeout = 30 * time.Second

// outcome is how handling an event ended, as the answer to Slack needs it.
type outcome int

const (
	handled outcome = iota // committed (or a duplicate, or nothing to do)
	failed                 // not committed: Slack may deliver it again
	late                   // still running when the budget ran out
)

// enqueue puts the work of one Slack request in the user's lane, behind
// the user's earlier requests; the channel gets its result.
func (a *Adapter) enqueue(user string, work func(ctx context.Context) error) <-chan error {
	done := make(chan error, 1)
	a.lanes.add(user, func() {
		ctx, cancel := context.WithTimeout(context.Background(), handleTimeout)
		defer cancel()
		done <- work(ctx)
	})
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
