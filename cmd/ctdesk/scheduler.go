package main

import (
	"context"
	"fmt"
	"os"

	"ctdesk/conversations"
	"ctdesk/scheduler"
)

// runScheduler runs the scheduled jobs (DESIGN §4) until ctx is done; what
// they post goes to the outbox, and the dispatcher is woken at once.
func runScheduler(ctx context.Context, s *service, wake func()) error {
	cfg := s.cfg.Schedules.config(s.cfg)
	host, _ := os.Hostname()
	cfg.Owner = fmt.Sprintf("%s-%d", host, os.Getpid())
	cfg.OnRun = s.metrics.jobRan
	jobs, err := scheduler.New(cfg, s.store, wakingEngine{s.engine, wake}, s.log.With("component", "scheduler"))
	if err != nil {
		return err
	}
	return jobs.Run(ctx)
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
