package main

import (
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
	// informe, resumen, seguimiento).
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
		Institution: c.Institution, Location: c.location, Calendar: c.calendar(),
		Cuatrimestres: months, DigestAt: s.Digest, ProgramAt: s.Program, ReportAt: s.Report,
		Specs: s.Cron, ProgramDaysAhead: s.ProgramDaysAhead,
		ApprovalDelay: s.ApprovalReminder, ApprovalEscalate: s.ApprovalEscalation,
		DueSoonDays: s.DueSoonDays, EscalateTo: s.EscalateTo,
	}
}

// validate checks the times and cron specs, so a bad one stops ctdesk at
// start instead of panicking in the cron parser later.
func (s *Schedules) validate() error {
	_, err := scheduler.New(s.config(&Config{location: time.UTC}), nil, nil, nil)
	return err
}
