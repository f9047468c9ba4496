package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"ctdesk/conversations"
	"ctdesk/scheduler"
)

// runScheduler runs the scheduled jobs (DESIGN §4) until ctx is done; what
// they post goes to the outbox, and the dispatcher is woken at once.
func runScheduler(ctx context.Context, s *service, wake func()) error {
	jobs, err := newScheduler(s, wakingEngine{s.engine, wake}, nil)
	if err != nil {
		return err
	}
	return jobs.Run(ctx)
}

// newScheduler builds the jobs of the configuration over the service's
// store, posting through eng, on a clock (the real one when nil).
func newScheduler(s *service, eng scheduler.Engine, now func() time.Time) (*scheduler.Scheduler, error) {
	cfg := s.cfg.SchedulerConfig()
	host, _ := os.Hostname()
	cfg.Owner = fmt.Sprintf("%s-%d", host, os.Getpid())
	cfg.Now = now
	if s.metrics != nil {
		cfg.OnRun = s.metrics.jobRan
	}
	return scheduler.New(cfg, s.store, eng, s.log.With("component", "scheduler"))
}

// wakingEngine wakes the outbox dispatcher after each post.
type wakingEngine struct {
	*conversations.Engine
	wake func()
}

// Post queues the messages, then wakes the dispatcher.
func (w wakingEngine) Post(ctx context.Context, id string, msgs ...conversations.Message) (bool, error) {
	ok, err := w.Engine.Post(ctx, id, msgs...)
	if ok && w.wake != nil {
		w.wake()
	}
	return ok, err
}
