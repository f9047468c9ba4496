package console

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"ctdesk/conversations"
	"ctdesk/lib/calendar"
)

// Clock is the console's time: the real one, moved forward by /reloj so
// that what the procedure's schedules do on another day (a digest, a
// reminder, the quarter's end) can be seen in minutes. The engine, the
// scheduler and the session read the same clock.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
	now    func() time.Time
}

// NewClock returns a clock that starts at the real time.
func NewClock() *Clock { return &Clock{now: time.Now} }

// Now returns the console's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now().Add(c.offset)
}

// errBackwards: the console's time only moves forward, as every record
// made so far carries a time before it.
var errBackwards = errors.New("the clock moves only forward")

// Set moves the clock forward to t.
func (c *Clock) Set(t time.Time) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	real := c.now()
	if t.Before(real.Add(c.offset)) {
		return errBackwards
	}
	c.offset = t.Sub(real)
	return nil
}

// Jobs runs the scheduled jobs that are due (the scheduler), naming those
// it ran.
type Jobs interface {
	CatchUp(ctx context.Context) ([]string, error)
}

// clock answers /reloj: alone it says the console's time; with a date (and
// a time) it moves the clock there and runs the jobs due in between, once
// each, as the service does when it starts after being stopped.
func (s *Session) clock(ctx context.Context, arg string) error {
	loc := s.Location
	if arg == "" {
		s.C.print("%s", conversations.Text("es", "console.clock", s.stamp(s.Now())))
		return nil
	}
	at, err := calendar.ParseMoment(arg, s.Now(), loc, 9)
	switch {
	case err != nil:
		s.C.print("%s", conversations.Text("es", "console.clock.invalid"))
		return nil
	case s.Clock == nil:
		s.C.print("%s", conversations.Text("es", "console.clock.fixed"))
		return nil
	}
	if err := s.Clock.Set(at); err != nil {
		s.C.print("%s", conversations.Text("es", "console.clock.past", s.stamp(s.Now())))
		return nil
	}
	s.C.print("%s", conversations.Text("es", "console.clock.moved", s.stamp(s.Now())))
	return s.runJobs(ctx, true)
}

// runJobs runs the jobs that are due and delivers what they sent; loud
// says which ran, or that none was due.
func (s *Session) runJobs(ctx context.Context, loud bool) error {
	if s.Jobs == nil {
		return nil
	}
	ran, err := s.Jobs.CatchUp(ctx)
	if err != nil {
		s.C.print("%s", conversations.Text("es", "console.jobs.failed", err))
	}
	switch {
	case len(ran) > 0:
		s.C.print("%s", conversations.Text("es", "console.jobs.ran", strings.Join(ran, ", ")))
	case loud:
		s.C.print("%s", conversations.Text("es", "console.jobs.none"))
	}
	_, err = s.Out.Drain(ctx)
	return err
}

// stamp shows a time as the console says it: «jueves 26/11/2026 10:00».
func (s *Session) stamp(t time.Time) string {
	t = t.In(s.Location)
	day := conversations.Text("es", "sched.weekday."+strings.ToLower(t.Weekday().String()))
	return day + " " + t.Format("02/01/2006 15:04")
}
