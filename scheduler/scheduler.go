// Package scheduler runs the procedure's deadlines (DESIGN §4) on cron, in
// the institution's time zone: the CT-RG.01 reminders at each cuatrimestre
// and before each planned item, the programmed tickets, the quarterly
// report DP-RG.02 with its reminders and escalation, the coordinator's daily
// digest, and the reminders of approvals and overdue tickets.
//
// Every job is a plain func(ctx) error that reads an injected clock and
// decides from the store what is due, and every message goes out through
// the engine's Post under a deterministic id, so a retried, caught-up or
// doubled run never sends twice. A run missed while ctdesk was down runs
// once at start; with several replicas on one store each run happens once.
package scheduler

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"ctdesk/conversations"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// Engine is what the jobs need of the conversations engine: posting
// messages once per id, the directory, and the procedure's own decisions.
type Engine interface {
	// Post queues messages once per id; it reports false for an id posted before.
	Post(ctx context.Context, id string, msgs ...conversations.Message) (bool, error)
	// People lists the active people with any of the roles.
	People(ctx context.Context, roles ...storage.Role) ([]storage.Person, error)
	// Language is the language a person reads.
	Language(p storage.Person) string
	// OpenProgrammed opens, once, the ticket of a due CT-RG.01 item and returns its folio.
	OpenProgrammed(ctx context.Context, item storage.PlanItem, now time.Time) (string, error)
	// Approvers lists who may give the visto bueno a ticket waits for, with their buttons.
	Approvers(ctx context.Context, tk *storage.Ticket) (map[string][]conversations.Button, error)
	// TakeBackDue deletes from the chats the temporary passwords whose
	// time there is over, once each.
	TakeBackDue(ctx context.Context) error
	// Unreached reports whether no platform reaches the person.
	Unreached(ctx context.Context, id string) (bool, error)
	// StatusName names a ticket's status in a language.
	StatusName(lang string, tk *storage.Ticket) string
	// OpenStatuses lists the statuses in which a ticket is still open.
	OpenStatuses() []string
	// AwaitsApproval reports whether a ticket of a service, in a status,
	// waits for a visto bueno.
	AwaitsApproval(service, status string) bool
	// ReportConfig is how the report DP-RG.02 names, counts and signs.
	ReportConfig(ctx context.Context) (report.Config, error)
}

var _ Engine = (*conversations.Engine)(nil)

// Store is what the jobs need of the store.
type Store interface {
	storage.Tickets
	storage.Bitacora
	storage.Files
	storage.Directory
	storage.Plan
	storage.Jobs
	storage.Values
}

var _ Store = storage.Store(nil)

// Config says when the jobs run and what they allow. Zero fields take defaults.
type Config struct {
	Institution string
	// Location is the institution's time zone (the calendar's when nil).
	Location *time.Location
	// Calendar tells business days (Mexico's holidays in Location when nil).
	Calendar *calendar.Calendar
	// Cuatrimestres are the months a cuatrimestre starts (January, May, September).
	Cuatrimestres []time.Month
	// DigestAt is the time of day of the daily digest and of the
	// cuatrimestre reminder, "15:04" (08:00).
	DigestAt string
	// ProgramAt is when program reminders and programmed tickets go out (07:30).
	ProgramAt string
	// ReportAt is when the DP-RG.02 alert and reminders go out (09:00).
	ReportAt string
	// Specs replaces a job's cron spec, by job name (see Jobs).
	Specs map[string]string
	// ProgramDaysAhead is how many business days before a planned item its
	// técnico and the area's supervisor are reminded (3).
	ProgramDaysAhead int
	// ApprovalDelay is how long a ticket waits for a visto bueno before its
	// approvers are reminded (48 h); ApprovalEscalate, before the
	// coordinator is told (twice the delay).
	ApprovalDelay, ApprovalEscalate time.Duration
	// DueSoonDays is how many business days ahead the digest lists due dates (2).
	DueSoonDays int
	// EscalateTo are the people told when the report is due and not
	// delivered (default: everyone with role autoridad).
	EscalateTo []string
	// LockTTL bounds how long a replica holds a run (10 min).
	LockTTL time.Duration
	// Owner names this replica in locks (random when empty).
	Owner string
	// Now is the clock (time.Now).
	Now func() time.Time
	// OnRun, when set, is told of each run of a job by this replica:
	// its name, how long it took and its error (nil when it succeeded).
	OnRun func(job string, took time.Duration, err error)
}

// Scheduler runs the jobs.
type Scheduler struct {
	cfg  Config
	cal  *calendar.Calendar
	loc  *time.Location
	st   Store
	eng  Engine
	log  *slog.Logger
	jobs []*job
}

// New checks the configuration and builds a scheduler; an invalid time or
// cron spec is an error here rather than a panic later.
func New(cfg Config, st Store, eng Engine, log *slog.Logger) (*Scheduler, error) {
	switch {
	case cfg.Calendar == nil && cfg.Location == nil:
		cfg.Location = time.UTC
		cfg.Calendar = calendar.New(cfg.Location)
	case cfg.Calendar == nil:
		cfg.Calendar = calendar.New(cfg.Location)
	case cfg.Location == nil:
		cfg.Location = cfg.Calendar.Location()
	}
	if len(cfg.Cuatrimestres) == 0 {
		cfg.Cuatrimestres = []time.Month{time.January, time.May, time.September}
	}
	for _, m := range cfg.Cuatrimestres {
		if m < time.January || m > time.December {
			return nil, fmt.Errorf("scheduler: cuatrimestre month %d: want 1 to 12", m)
		}
	}
	cfg.DigestAt = cmp.Or(cfg.DigestAt, "08:00")
	cfg.ProgramAt = cmp.Or(cfg.ProgramAt, "07:30")
	cfg.ReportAt = cmp.Or(cfg.ReportAt, "09:00")
	cfg.ProgramDaysAhead = cmp.Or(cfg.ProgramDaysAhead, 3)
	cfg.ApprovalDelay = cmp.Or(cfg.ApprovalDelay, 48*time.Hour)
	cfg.ApprovalEscalate = cmp.Or(cfg.ApprovalEscalate, 2*cfg.ApprovalDelay)
	cfg.DueSoonDays = cmp.Or(cfg.DueSoonDays, 2)
	cfg.LockTTL = cmp.Or(cfg.LockTTL, 10*time.Minute)
	if cfg.Owner == "" {
		var b [8]byte
		_, _ = rand.Read(b[:])
		cfg.Owner = hex.EncodeToString(b[:])
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ProgramDaysAhead < 0 || cfg.DueSoonDays < 0 || cfg.ApprovalDelay < 0 || cfg.ApprovalEscalate < cfg.ApprovalDelay {
		return nil, fmt.Errorf("scheduler: negative days or delays, or an escalation before the reminder")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Scheduler{cfg: cfg, cal: cfg.Calendar, loc: cfg.Location, st: st, eng: eng, log: log}
	if err := s.buildJobs(); err != nil {
		return nil, err
	}
	return s, nil
}

// now reads the clock.
func (s *Scheduler) now() time.Time { return s.cfg.Now() }

// day shows a date as staff read it.
func (s *Scheduler) day(t time.Time) string { return t.In(s.loc).Format("02/01/2006") }
