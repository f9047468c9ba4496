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
	_, err := s.CatchUp(ctx)
	return err
}

// CatchUp is RunDue that also names the jobs this replica ran, in order.
func (s *Scheduler) CatchUp(ctx context.Context) ([]string, error) {
	var ran []string
	var errs []error
	for _, j := range s.jobs {
		did, err := s.fire(ctx, j)
		if err != nil {
			errs = append(errs, fmt.Errorf("scheduler: %s: %w", j.Name, err))
		}
		if did {
			ran = append(ran, j.Name)
		}
	}
	return ran, errors.Join(errs...)
}

// RunJob runs one job now, whatever its schedule, for an operator: under
// the store's lock of that job at this time, so no replica runs it at the
// same moment, and without touching its last run, so its schedule goes on
// as before. What it posts carries the ids a scheduled run would, so
// nothing already sent is sent again. ErrBusy when the lock is held.
func (s *Scheduler) RunJob(ctx context.Context, name string) error {
	var j *job
	for _, c := range s.jobs {
		if c.Name == name {
			j = c
		}
	}
	if j == nil {
		return fmt.Errorf("scheduler: no job named %q: %w", name, ErrNoJob)
	}
	lock := "job:" + j.Name + ":" + s.now().UTC().Truncate(time.Minute).Format(time.RFC3339)
	ok, err := s.st.TryLock(ctx, lock, s.cfg.Owner, s.cfg.LockTTL)
	if err != nil {
		return fmt.Errorf("scheduler: %s: %w", name, err)
	}
	if !ok {
		return fmt.Errorf("scheduler: %s: %w", name, ErrBusy)
	}
	defer func() { _ = s.st.Unlock(context.WithoutCancel(ctx), lock, s.cfg.Owner) }()
	if err := j.Run(ctx); err != nil {
		return fmt.Errorf("scheduler: %s: %w", name, err)
	}
	return nil
}

// Errors of RunJob.
var (
	// ErrNoJob: no job has that name.
	ErrNoJob = errors.New("no such job")
	// ErrBusy: a replica holds the job's lock at this time.
	ErrBusy = errors.New("job running elsewhere")
)

// Names lists the jobs' names, in the order they run.
func (s *Scheduler) Names() []string {
	out := make([]string, len(s.jobs))
	for i, j := range s.jobs {
		out[i] = j.Name
	}
	return out
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
