package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"ctdesk/scheduler"
)

// Schedules configures the scheduled jobs (DESIGN §4). Empty fields take
// the scheduler's defaults.
type Schedules struct {
	// Cuatrimestres are the months (1–12) a cuatrimestre starts: 1, 5, 9.
	Cuatrimestres []int `yaml:"cuatrimestres"`
	// Digest, Program and Report are the times of day ("08:00") of the
	// daily digest, the CT-RG.01 reminders and tickets, and the DP-RG.02 alerts.
	Digest  string `yaml:"digest"`
	Program string `yaml:"program"`
	Report  string `yaml:"report"`
	// Cron replaces a job's cron spec, by job name (cuatrimestre, programa,
	// informe, resumen, seguimiento, contrasenas).
	Cron map[string]string `yaml:"cron"`
	// ProgramDaysAhead is how many business days before a planned item its
	// técnico and the area's supervisor are reminded.
	ProgramDaysAhead int `yaml:"program_days_ahead"`
	// ApprovalReminder and ApprovalEscalation are how long a visto bueno
	// may wait before its approvers, then the coordinator, are reminded.
	ApprovalReminder   time.Duration `yaml:"approval_reminder"`
	ApprovalEscalation time.Duration `yaml:"approval_escalation"`
	// DueSoonDays is how many business days ahead the digest lists due dates.
	DueSoonDays int `yaml:"due_soon_days"`
	// EscalateTo are the people told on the last day of an undelivered
	// report (default: the autoridad).
	EscalateTo []string `yaml:"escalate_to"`
}

// config turns the file's schedules into the scheduler's configuration.
func (s *Schedules) config(c *Config) scheduler.Config {
	months := make([]time.Month, len(s.Cuatrimestres))
	for i, m := range s.Cuatrimestres {
		months[i] = time.Month(m)
	}
	return scheduler.Config{
		Institution: c.Institution, Location: c.location, Calendar: c.Calendar(),
		Cuatrimestres: months, DigestAt: s.Digest, ProgramAt: s.Program, ReportAt: s.Report,
		Specs: s.Cron, ProgramDaysAhead: s.ProgramDaysAhead,
		ApprovalDelay: s.ApprovalReminder, ApprovalEscalate: s.ApprovalEscalation,
		DueSoonDays: s.DueSoonDays, EscalateTo: s.EscalateTo,
	}
}

// SchedulerConfig is the scheduler's configuration from the file's
// schedules, zone and calendar.
func (c *Config) SchedulerConfig() scheduler.Config { return c.Schedules.config(c) }

// JobNames are the scheduled jobs, in the order the summary lists them.
func JobNames() []string { return slices.Clone(jobNames) }

// jobNames are the scheduled jobs, in the order the summary lists them.
var jobNames = []string{scheduler.JobCuatrimestre, scheduler.JobProgram, scheduler.JobReport, scheduler.JobDigest, scheduler.JobFollowUp, scheduler.JobPasswords}

// check validates the times, months, delays and cron specs in Spanish, so
// a bad one stops ctdesk at start instead of panicking in the cron parser
// later.
func (s *Schedules) check(at locate, people []PersonConfig) []problem {
	var ps []problem
	bad := func(line int, format string, args ...any) {
		ps = append(ps, problem{line, fmt.Sprintf(format, args...)})
	}
	for i, m := range s.Cuatrimestres {
		if m < 1 || m > 12 {
			bad(at("schedules", "cuatrimestres", i), "schedules › cuatrimestres: el mes %d no existe; escribe números del 1 al 12, p. ej. [1, 5, 9]", m)
		}
	}
	for _, t := range []struct{ key, val string }{{"digest", s.Digest}, {"program", s.Program}, {"report", s.Report}} {
		if _, err := time.Parse("15:04", strings.TrimSpace(t.val)); t.val != "" && err != nil {
			bad(at("schedules", t.key), "schedules › %s: «%s» no es una hora; escríbela como hh:mm de 24 horas, p. ej. 08:00", t.key, t.val)
		}
	}
	for name, spec := range s.Cron {
		if !slices.Contains(jobNames, name) {
			bad(at("schedules", "cron", name), "schedules › cron › %s: no hay un trabajo con ese nombre%s; los trabajos son: %s",
				name, didYouMean(name, jobNames), strings.Join(jobNames, ", "))
			continue
		}
		if _, err := scheduler.ParseSpec(spec); err != nil {
			bad(at("schedules", "cron", name), "schedules › cron › %s: «%s» no es una expresión cron; usa cinco campos (minuto hora día-del-mes mes día-de-la-semana), p. ej. \"0 8 * * 1-5\", o @daily", name, spec)
		}
	}
	if s.ProgramDaysAhead < 0 {
		bad(at("schedules", "program_days_ahead"), "schedules › program_days_ahead: no puede ser negativo")
	}
	if s.DueSoonDays < 0 {
		bad(at("schedules", "due_soon_days"), "schedules › due_soon_days: no puede ser negativo")
	}
	if s.ApprovalReminder < 0 || s.ApprovalEscalation < 0 {
		bad(at("schedules", "approval_reminder"), "schedules: approval_reminder y approval_escalation no pueden ser negativos")
	} else if s.ApprovalEscalation > 0 && s.ApprovalEscalation < cmp.Or(s.ApprovalReminder, 48*time.Hour) {
		bad(at("schedules", "approval_escalation"), "schedules › approval_escalation: avisar a la coordinación (%s) debe ser después del recordatorio a quien aprueba (%s)",
			s.ApprovalEscalation, cmp.Or(s.ApprovalReminder, 48*time.Hour))
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	for i, id := range s.EscalateTo {
		if !slices.Contains(ids, id) {
			bad(at("schedules", "escalate_to", i), "schedules › escalate_to: «%s» no está entre people%s", id, didYouMean(id, ids))
		}
	}
	if len(ps) == 0 {
		if _, err := scheduler.New(s.config(&Config{location: time.UTC}), nil, nil, nil); err != nil {
			bad(at("schedules"), "schedules: la combinación de horarios no es válida (%v)", err)
		}
	}
	return ps
}
