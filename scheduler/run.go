package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"
)

// Run runs the jobs until ctx is done: first every run missed while
// ctdesk was down (once per job), then each job on its cron schedule in the
// institution's time zone. A panicking job is recovered and logged; a job
// still running when its next time comes is skipped.
func (s *Scheduler) Run(ctx context.Context) error {
	if err := s.RunDue(ctx); err != nil {
		s.log.Error("catch-up", "err", err)
	}
	l := cronLogger{s.log}
	c := cron.New(
		cron.WithLocation(s.loc),
		cron.WithParser(parser),
		cron.WithLogger(l),
		cron.WithChain(cron.Recover(l), cron.SkipIfStillRunning(l)),
	)
	for _, j := range s.jobs {
		c.Schedule(j.sched, cron.FuncJob(func() {
			if _, err := s.fire(ctx, j); err != nil {
				s.log.Error("job", "job", j.Name, "err", err)
			}
		}))
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	return nil
}

// RunDue runs, once each, every job whose scheduled time came since its
// last run: at start it catches up what was missed while ctdesk was down.
func (s *Scheduler) RunDue(ctx context.Context) error {
	var errs []error
	for _, j := range s.jobs {
		if _, err := s.fire(ctx, j); err != nil {
			errs = append(errs, fmt.Errorf("scheduler: %s: %w", j.Name, err))
		}
	}
	return errors.Join(errs...)
}

// fire runs a job if one of its scheduled times came since its last run:
// once, for the latest of them, however many were missed. The run is
// guarded by a lock named after that time, so of several replicas only one
// runs it; the lock is kept until it expires, and the last run is checked
// again under it, so a replica that arrives later does not run it again.
// It reports whether this replica ran the job.
func (s *Scheduler) fire(ctx context.Context, j *job) (bool, error) {
	now := s.now()
	last, err := s.st.LastRun(ctx, j.Name)
	if notFound(err) {
		// The first start has nothing to catch up.
		return false, s.st.SetLastRun(ctx, j.Name, now)
	}
	if err != nil {
		return false, fmt.Errorf("last run: %w", err)
	}
	due := s.latest(j, last, now)
	if due.IsZero() {
		return false, nil
	}
	lock := "job:" + j.Name + ":" + due.UTC().Format(time.RFC3339)
	ok, err := s.st.TryLock(ctx, lock, s.cfg.Owner, s.cfg.LockTTL)
	if err != nil || !ok {
		return false, err
	}
	if last, err = s.st.LastRun(ctx, j.Name); err != nil {
		return false, fmt.Errorf("last run: %w", err)
	}
	if !last.Before(due) {
		return false, nil
	}
	start := time.Now()
	err = j.Run(ctx)
	if s.cfg.OnRun != nil {
		s.cfg.OnRun(j.Name, time.Since(start), err)
	}
	if err != nil {
		// Free the run, so the next firing tries it again.
		_ = s.st.Unlock(ctx, lock, s.cfg.Owner)
		return true, err
	}
	if err := s.st.SetLastRun(ctx, j.Name, due); err != nil {
		return true, fmt.Errorf("set last run: %w", err)
	}
	s.log.Info("job ran", "job", j.Name, "scheduled", due, "took", time.Since(start))
	return true, nil
}

// latest returns the latest scheduled time of j after last and not after
// now, or the zero time when none.
func (s *Scheduler) latest(j *job, last, now time.Time) time.Time {
	var due time.Time
	for t := j.sched.Next(last.In(s.loc)); !t.IsZero() && !t.After(now); t = j.sched.Next(t) {
		due = t
	}
	return due
}

// cronLogger hands cron's messages to slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
