package scheduler

import (
	"context"
	"fmt"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// Program works the CT-RG.01 program: an item planned within
// ProgramDaysAhead business days reminds its técnico and the area's
// supervisor (on a business day, once), and an item whose day has come
// becomes a programmed maintenance ticket, which counts in the indicator.
func (s *Scheduler) Program(ctx context.Context) error {
	now := s.now()
	today := s.cal.StartOfDay(now)
	horizon := s.cal.AddBusinessDays(today, s.cfg.ProgramDaysAhead).AddDate(0, 0, 1)
	items, err := s.st.PlanItems(ctx, time.Time{}, horizon)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	areas, err := s.areas(ctx)
	if err != nil {
		return err
	}
	for _, it := range items {
		switch {
		case it.Folio != "":
		case !it.Planned.After(today):
			folio, err := s.eng.OpenProgrammed(ctx, it, now)
			if err != nil {
				return fmt.Errorf("item %s: %w", it.ID, err)
			}
			it.Folio = folio
			if err := s.st.PutPlanItems(ctx, it); err != nil {
				return fmt.Errorf("item %s: %w", it.ID, err)
			}
			s.log.Info("programmed ticket", "item", it.ID, "folio", folio)
		case it.Reminded.IsZero() && s.cal.IsBusinessDay(now):
			if err := s.remindItem(ctx, it, areas); err != nil {
				return err
			}
			it.Reminded = now
			if err := s.st.PutPlanItems(ctx, it); err != nil {
				return fmt.Errorf("item %s: %w", it.ID, err)
			}
		}
	}
	return nil
}

// remindItem tells the técnico and the area's supervisor that an item is coming.
func (s *Scheduler) remindItem(ctx context.Context, it storage.PlanItem, areas map[string]storage.Area) error {
	area := areas[it.Area]
	areaName := area.Name
	if areaName == "" {
		areaName = it.Area
	}
	days := s.cal.BusinessDaysBetween(s.now(), it.Planned)
	tec := s.person(ctx, it.Tecnico)
	lang := s.eng.Language(tec)
	msgs := []conversations.Message{{To: tec.ID, Text: conversations.Text(lang, "sched.program.tecnico",
		s.day(it.Planned), conversations.Plural(lang, "count.business_days", days), it.Equipment, areaName)}}
	if area.Supervisor != "" && area.Supervisor != tec.ID {
		sup := s.person(ctx, area.Supervisor)
		msgs = append(msgs, conversations.Message{To: sup.ID, Text: conversations.Text(s.eng.Language(sup), "sched.program.supervisor",
			s.day(it.Planned), it.Equipment, areaName, tec.Name)})
	}
	_, err := s.eng.Post(ctx, "program-reminder:"+it.ID, msgs...)
	return err
}

// areas returns the directory's areas by id.
func (s *Scheduler) areas(ctx context.Context) (map[string]storage.Area, error) {
	list, err := s.st.Areas(ctx)
	if err != nil {
		return nil, fmt.Errorf("areas: %w", err)
	}
	out := make(map[string]storage.Area, len(list))
	for _, a := range list {
		out[a.ID] = a
	}
	return out, nil
}
