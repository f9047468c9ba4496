package scheduler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/staff"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// digestData is what the digest reports, gathered once for every coordinator.
type digestData struct {
	fresh, waiting, overdue, soon []storage.Ticket
	waitingSince                  map[string]time.Time
	preventive                    []storage.PlanItem
	kpi                           report.KPI
	people, areas                 map[string]string
}

// Digest sends the coordinator, on business days at DigestAt, what needs
// attention: the tickets new since the last digest, those awaiting a visto
// bueno with their age, those overdue against their committed date, those
// due soon, the preventive items of the week and the indicator of the
// quarter so far, with a warning when it is projected below 90 %.
func (s *Scheduler) Digest(ctx context.Context) error {
	now := s.now()
	if !s.cal.IsBusinessDay(now) {
		return nil
	}
	today := s.cal.StartOfDay(now)
	at, err := s.atTime(today, s.cfg.DigestAt)
	if err != nil || now.Before(at) {
		return err // a catch-up before the hour leaves it to the hour
	}
	d, err := s.gather(ctx, now, today)
	if err != nil {
		return err
	}
	return s.tellRole(ctx, "digest:"+today.Format("2006-01-02"), storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		return conversations.Message{To: p.ID, Text: s.digestText(lang, d, today, now)}
	})
}

// atTime returns the time hh:mm of a day in the institution's zone.
func (s *Scheduler) atTime(day time.Time, hhmm string) (time.Time, error) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q: %w", hhmm, err)
	}
	y, m, dd := day.In(s.loc).Date()
	return time.Date(y, m, dd, t.Hour(), t.Minute(), 0, 0, s.loc), nil
}

// gather reads what the digest reports.
func (s *Scheduler) gather(ctx context.Context, now, today time.Time) (*digestData, error) {
	all, err := s.st.Tickets(ctx, storage.TicketFilter{})
	if err != nil {
		return nil, fmt.Errorf("tickets: %w", err)
	}
	since, err := s.atTime(s.cal.AddBusinessDays(today, -1), s.cfg.DigestAt)
	if err != nil {
		return nil, err
	}
	soon := s.cal.AddBusinessDays(today, s.cfg.DueSoonDays).AddDate(0, 0, 1)
	d := &digestData{waitingSince: map[string]time.Time{}}
	for i := range all {
		tk := &all[i]
		if !tk.Created.Before(since) && tk.Created.Before(now) {
			d.fresh = append(d.fresh, *tk)
		}
		if tk.Terminal() {
			continue
		}
		approvers, err := s.eng.Approvers(ctx, tk)
		if err != nil {
			return nil, err
		}
		if len(approvers) > 0 {
			d.waiting = append(d.waiting, *tk)
			d.waitingSince[tk.Folio] = enteredStatus(tk)
			continue
		}
		switch due := tk.DueDate(); {
		case due.IsZero():
		case due.Before(today):
			d.overdue = append(d.overdue, *tk)
		case due.Before(soon):
			d.soon = append(d.soon, *tk)
		}
	}
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	if d.preventive, err = s.st.PlanItems(ctx, monday, monday.AddDate(0, 0, 7)); err != nil {
		return nil, fmt.Errorf("plan: %w", err)
	}
	q := calendar.QuarterOf(now.In(s.loc))
	d.kpi = report.SoFar(all, q.Start(s.loc), q.End(s.loc), now, s.loc, s.eng.AwaitsApproval)
	d.people, d.areas = map[string]string{}, map[string]string{}
	if people, err := s.st.People(ctx); err == nil {
		for _, p := range people {
			d.people[p.ID] = p.Name
		}
	}
	if areas, err := s.st.Areas(ctx); err == nil {
		for _, a := range areas {
			d.areas[a.ID] = a.Name
		}
	}
	return d, nil
}

// enteredStatus is when a ticket reached its current status.
func enteredStatus(tk *storage.Ticket) time.Time {
	if n := len(tk.History); n > 0 {
		return tk.History[n-1].At
	}
	return tk.Created
}

// digestText writes the digest in a language.
func (s *Scheduler) digestText(lang string, d *digestData, today, now time.Time) string {
	var b strings.Builder
	b.WriteString(conversations.Text(lang, "sched.digest.title", weekday(lang, today), s.day(today)))
	line := func(tk *storage.Ticket, extra string) {
		b.WriteString("\n• " + tk.Folio + " · " + conversations.Text(lang, "svc."+tk.Service) + " · " + or(d.areas[tk.Area], tk.Area) + " — " + s.eng.StatusName(lang, tk) + extra)
	}
	section := func(key string, n int) bool {
		if n == 0 {
			return false
		}
		b.WriteString("\n\n" + conversations.Text(lang, key, n))
		return true
	}
	if section("sched.digest.new", len(d.fresh)) {
		for i := range d.fresh {
			line(&d.fresh[i], "")
		}
	}
	if section("sched.digest.waiting", len(d.waiting)) {
		for i := range d.waiting {
			tk := &d.waiting[i]
			line(tk, " "+conversations.Plural(lang, "sched.digest.age", days(now.Sub(d.waitingSince[tk.Folio]))))
		}
	}
	if section("sched.digest.overdue", len(d.overdue)) {
		for i := range d.overdue {
			tk := &d.overdue[i]
			late := s.cal.BusinessDaysBetween(tk.DueDate(), today)
			line(tk, " "+conversations.Text(lang, "sched.digest.late", s.day(tk.DueDate()),
				conversations.Plural(lang, "count.business_days", late), or(d.people[tk.Assignee], tk.Assignee)))
		}
	}
	if section("sched.digest.soon", len(d.soon)) {
		for i := range d.soon {
			tk := &d.soon[i]
			line(tk, " "+conversations.Text(lang, "sched.digest.due", s.day(tk.DueDate()), or(d.people[tk.Assignee], tk.Assignee)))
		}
	}
	if section("sched.digest.preventive", len(d.preventive)) {
		for _, it := range d.preventive {
			state := conversations.Text(lang, "sched.digest.planned")
			if it.Folio != "" {
				state = it.Folio
			}
			b.WriteString("\n• " + s.day(it.Planned) + " · " + it.Equipment + " · " + or(d.areas[it.Area], it.Area) + " · " + or(d.people[it.Tecnico], it.Tecnico) + " — " + state)
		}
	}
	if len(d.fresh)+len(d.waiting)+len(d.overdue)+len(d.soon)+len(d.preventive) == 0 {
		b.WriteString("\n\n" + conversations.Text(lang, "sched.digest.calm"))
	}
	b.WriteString("\n\n" + staff.KPIText(lang, d.kpi))
	return b.String()
}

// days counts whole days in a duration.
func days(d time.Duration) int { return int(d.Hours() / 24) }

// weekday names a day's weekday in a language.
func weekday(lang string, t time.Time) string {
	return conversations.Text(lang, "sched.weekday."+strings.ToLower(t.Weekday().String()))
}

// or returns a, or b when a is empty.
func or(a, b string) string {
	if a == "" {
		return b
	}
	return a
}
