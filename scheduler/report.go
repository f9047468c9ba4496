package scheduler

import (
	"context"
	"fmt"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/staff"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Report keeps the quarterly report DP-RG.02 from being missed (procedure
// 3.8): on a quarter's last day the coordinator gets its due date and the
// draft report attached (or on the next run, if that day was missed); then,
// each business day until the coordinator marks it delivered, a reminder;
// on the due day itself an escalation, to the coordinator and to EscalateTo.
// A quarter that ended before the job first ran is not chased.
func (s *Scheduler) Report(ctx context.Context) error {
	now := s.now()
	today := s.cal.StartOfDay(now)
	cur := calendar.QuarterOf(now.In(s.loc))
	if today.Equal(cur.LastDay(s.loc)) {
		if err := s.reportAlert(ctx, cur, now); err != nil {
			return err
		}
	}
	q := cur.Prev()
	since, err := s.since(ctx, now)
	if err != nil || q.End(s.loc).Before(since) {
		return err // a quarter that ended before ctdesk ran is not chased
	}
	_, delivered, err := staff.ReportDelivered(ctx, s.st, q)
	if err != nil || delivered {
		return err
	}
	if err := s.reportAlert(ctx, q, now); err != nil {
		return err
	}
	if !s.cal.IsBusinessDay(now) {
		return nil
	}
	due := s.cal.ReportDue(q)
	id := "report-reminder:" + q.Key() + ":" + today.Format("2006-01-02")
	switch left := s.cal.BusinessDaysBetween(today, due); {
	case left > 0:
		return s.tellCoordinator(ctx, id, q, func(lang string) string {
			return conversations.Text(lang, "sched.report.reminder", q.Name(), s.day(due),
				conversations.Plural(lang, "count.business_days.left", left), q.String())
		})
	case left == 0:
		if err := s.tellCoordinator(ctx, id, q, func(lang string) string {
			return conversations.Text(lang, "sched.report.lastday", q.Name(), s.day(due), q.String())
		}); err != nil {
			return err
		}
		return s.escalateReport(ctx, q, due)
	default:
		return s.tellCoordinator(ctx, id, q, func(lang string) string {
			return conversations.Text(lang, "sched.report.overdue", q.Name(), s.day(due),
				conversations.Plural(lang, "count.business_days", -left), q.String())
		})
	}
}

// reportAlert sends, once per quarter, the coordinator the due date of the
// quarter's report and the draft attached, with its indicator.
func (s *Scheduler) reportAlert(ctx context.Context, q calendar.Quarter, now time.Time) error {
	id := "report-alert:" + q.Key()
	if _, err := s.st.Value(ctx, id); err == nil || !notFound(err) {
		return err // already sent, or the store failed
	}
	cfg, err := s.eng.ReportConfig(ctx)
	if err != nil {
		return fmt.Errorf("report %s: %w", q, err)
	}
	r, files, err := staff.ReportFiles(ctx, s.st, cfg, q, now)
	if err != nil {
		return fmt.Errorf("report %s: %w", q, err)
	}
	key := "sched.report.alert"
	if !s.cal.StartOfDay(now).Equal(q.LastDay(s.loc)) {
		key = "sched.report.alert.late"
	}
	err = s.tellRole(ctx, id, storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		text := conversations.Text(lang, key, q.Name(), s.day(r.Due), calendar.ReportBusinessDays, q.String()) +
			"\n\n" + staff.KPIText(lang, r.KPI)
		return conversations.Message{To: p.ID, Text: text, Files: files,
			Buttons: [][]conversations.Button{{staff.DeliveredButton(lang, q)}}}
	})
	if err != nil {
		return err
	}
	return s.st.SetValue(ctx, id, []byte(now.UTC().Format(time.RFC3339)), 400*24*time.Hour)
}

// tellCoordinator posts a report text, in each coordinator's language,
// with the delivered button.
func (s *Scheduler) tellCoordinator(ctx context.Context, id string, q calendar.Quarter, text func(lang string) string) error {
	return s.tellRole(ctx, id, storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		return conversations.Message{To: p.ID, Text: text(lang),
			Buttons: [][]conversations.Button{{staff.DeliveredButton(lang, q)}}}
	})
}

// escalateReport tells those above the coordinator that the report is due
// today and not delivered.
func (s *Scheduler) escalateReport(ctx context.Context, q calendar.Quarter, due time.Time) error {
	var people []storage.Person
	if len(s.cfg.EscalateTo) > 0 {
		for _, id := range s.cfg.EscalateTo {
			p, err := s.st.Person(ctx, id)
			if err != nil {
				s.log.Warn("escalation: unknown person", "person", id, "err", err)
				continue
			}
			people = append(people, p)
		}
	} else {
		var err error
		if people, err = s.eng.People(ctx, storage.RoleAutoridad); err != nil {
			return fmt.Errorf("people: %w", err)
		}
	}
	var msgs []conversations.Message
	for _, p := range people {
		if p.Role == storage.RoleCoordinador {
			continue
		}
		msgs = append(msgs, conversations.Message{To: p.ID, Text: conversations.Text(s.eng.Language(p), "sched.report.escalation", q.Name(), s.day(due))})
	}
	if len(msgs) == 0 {
		return nil
	}
	_, err := s.eng.Post(ctx, "report-escalation:"+q.Key(), msgs...)
	return err
}

// sinceKey keeps when the report job first ran.
const sinceKey = "scheduler:report:since"

// since returns when the report job first ran, recording now if never.
func (s *Scheduler) since(ctx context.Context, now time.Time) (time.Time, error) {
	raw, err := s.st.Value(ctx, sinceKey)
	if notFound(err) {
		return now, s.st.SetValue(ctx, sinceKey, []byte(now.UTC().Format(time.RFC3339)), 0)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("first run: %w", err)
	}
	t, err := time.Parse(time.RFC3339, string(raw))
	if err != nil {
		return time.Time{}, fmt.Errorf("first run %q: %w", raw, err)
	}
	return t, nil
}
