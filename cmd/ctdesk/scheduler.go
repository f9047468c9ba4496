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
func runScheduler(ctx context.Context, rt *runtime) error {
	cfg := rt.cfg.Schedules.config(rt.cfg)
	host, _ := os.Hostname()
	cfg.Owner = fmt.Sprintf("%s-%d", host, os.Getpid())
	s, err := scheduler.New(cfg, rt.store, wakingEngine{rt.engine, rt.wake}, rt.log.With("component", "scheduler"))
	if err != nil {
		return err
	}
	return s.Run(ctx)
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
