package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	"ctdesk/storage"
)

// The jobs, by the names their last runs and locks are stored under.
const (
	JobCuatrimestre = "cuatrimestre" // remind the coordinator to prepare CT-RG.01
	JobProgram      = "programa"     // remind and open the CT-RG.01 items
	JobReport       = "informe"      // the DP-RG.02 alert, reminders and escalation
	JobDigest       = "resumen"      // the coordinator's daily digest
	JobFollowUp     = "seguimiento"  // approval reminders and overdue notices
	JobPasswords    = "contrasenas"  // take temporary passwords back from the chats
)

// job is a named func(ctx) error on a cron schedule.
type job struct {
	Name  string
	Spec  string
	Run   func(ctx context.Context) error
	sched cron.Schedule
}

// Passwords takes out of the chats the temporary passwords whose time
// there (the engine's SecretKeep) is over and that nobody signed for.
func (s *Scheduler) Passwords(ctx context.Context) error { return s.eng.TakeBackDue(ctx) }

// parser reads standard five-field specs and descriptors like "@daily".
var parser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// buildJobs declares the jobs with their default specs, applies the
// configured ones and checks them all.
func (s *Scheduler) buildJobs() error {
	digest, err := clock(s.cfg.DigestAt)
	if err != nil {
		return fmt.Errorf("scheduler: digest time: %w", err)
	}
	prog, err := clock(s.cfg.ProgramAt)
	if err != nil {
		return fmt.Errorf("scheduler: program time: %w", err)
	}
	rep, err := clock(s.cfg.ReportAt)
	if err != nil {
		return fmt.Errorf("scheduler: report time: %w", err)
	}
	months := make([]string, len(s.cfg.Cuatrimestres))
	for i, m := range s.cfg.Cuatrimestres {
		months[i] = strconv.Itoa(int(m))
	}
	s.jobs = []*job{
		{Name: JobCuatrimestre, Spec: digest + " * " + strings.Join(months, ",") + " 1-5", Run: s.Cuatrimestre},
		{Name: JobProgram, Spec: prog + " * * *", Run: s.Program},
		{Name: JobReport, Spec: rep + " * * *", Run: s.Report},
		{Name: JobDigest, Spec: digest + " * * 1-5", Run: s.Digest},
		{Name: JobFollowUp, Spec: "15 9-18 * * 1-5", Run: s.FollowUp},
		{Name: JobPasswords, Spec: "*/10 * * * *", Run: s.Passwords},
	}
	known := map[string]bool{}
	for _, j := range s.jobs {
		known[j.Name] = true
		if spec, ok := s.cfg.Specs[j.Name]; ok {
			j.Spec = spec
		}
		if j.sched, err = ParseSpec(j.Spec); err != nil {
			return fmt.Errorf("scheduler: job %s: %w", j.Name, err)
		}
	}
	for name := range s.cfg.Specs {
		if !known[name] {
			return fmt.Errorf("scheduler: no job named %q", name)
		}
	}
	return nil
}

// ParseSpec checks and parses a cron spec ("0 8 * * 1-5", "@daily"). It
// refuses a spec that names only a zone ("CRON_TZ=America/Mexico_City"),
// on which the cron parser panics, and turns any other panic into an error.
func ParseSpec(spec string) (sched cron.Schedule, err error) {
	s := strings.TrimSpace(spec)
	if strings.HasPrefix(s, "CRON_TZ=") || strings.HasPrefix(s, "TZ=") {
		if _, rest, ok := strings.Cut(s, " "); !ok || strings.TrimSpace(rest) == "" {
			return nil, fmt.Errorf("spec %q names a zone but no schedule", spec)
		}
	}
	if s == "" {
		return nil, errors.New("empty spec")
	}
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("spec %q: %v", spec, r)
		}
	}()
	sched, err = parser.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("spec %q: %w", spec, err)
	}
	return sched, nil
}

// clock turns "08:00" into the "minute hour" of a cron spec.
func clock(hhmm string) (string, error) {
	t, err := time.Parse("15:04", strings.TrimSpace(hhmm))
	if err != nil {
		return "", fmt.Errorf("%q: want hh:mm", hhmm)
	}
	return strconv.Itoa(t.Minute()) + " " + strconv.Itoa(t.Hour()), nil
}

// Jobs lists the job names with their cron specs, for the operator.
func (s *Scheduler) Jobs() map[string]string {
	out := make(map[string]string, len(s.jobs))
	for _, j := range s.jobs {
		out[j.Name] = j.Spec
	}
	return out
}

// notFound reports whether err means the record does not exist.
func notFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
