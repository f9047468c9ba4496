package scheduler

import (
	"context"
	"fmt"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// Cuatrimestre reminds the coordinator, on the first business day a job
// runs in a month that starts a cuatrimestre, to prepare the Programa Anual
// de Mantenimiento Preventivo CT-RG.01 (procedure 5.1.1), once per month.
func (s *Scheduler) Cuatrimestre(ctx context.Context) error {
	now := s.now().In(s.loc)
	if !s.cal.IsBusinessDay(now) || !s.startsCuatrimestre(now.Month()) {
		return nil
	}
	start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, s.loc)
	end := start.AddDate(0, 4, 0)
	items, err := s.st.PlanItems(ctx, start, end)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	id := "cuatrimestre:" + start.Format("2006-01")
	return s.tellRole(ctx, id, storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		text := conversations.Text(lang, "sched.cuatrimestre", s.day(start), s.day(end.AddDate(0, 0, -1)))
		if len(items) > 0 {
			text += "\n\n" + conversations.Plural(lang, "sched.cuatrimestre.some", len(items))
		}
		return conversations.Message{To: p.ID, Text: text + "\n\n" + conversations.Text(lang, "program.send")}
	})
}

// startsCuatrimestre reports whether a cuatrimestre starts in month m.
func (s *Scheduler) startsCuatrimestre(m time.Month) bool {
	for _, c := range s.cfg.Cuatrimestres {
		if c == m {
			return true
		}
	}
	return false
}

// tellRole posts, once per id, a message to everyone with the role, built
// for each in their language.
func (s *Scheduler) tellRole(ctx context.Context, id string, role storage.Role, build func(p storage.Person, lang string) conversations.Message) error {
	people, err := s.eng.People(ctx, role)
	if err != nil {
		return fmt.Errorf("people: %w", err)
	}
	if len(people) == 0 {
		s.log.Warn("nobody to tell", "role", role, "message", id)
		return nil
	}
	msgs := make([]conversations.Message, 0, len(people))
	for _, p := range people {
		msgs = append(msgs, build(p, s.eng.Language(p)))
	}
	if _, err := s.eng.Post(ctx, id, msgs...); err != nil {
		return err
	}
	return nil
}

// person returns a person of the directory, or a bare one with the id.
func (s *Scheduler) person(ctx context.Context, id string) storage.Person {
	p, err := s.st.Person(ctx, id)
	if err != nil {
		return storage.Person{ID: id, Name: id}
	}
	return p
}
