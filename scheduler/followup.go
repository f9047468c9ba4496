package scheduler

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/chat"
	"ctdesk/storage"
)

// FollowUp chases what is stuck, on business days: a ticket waiting for a
// visto bueno longer than ApprovalDelay reminds its approvers (with the
// buttons to answer), and after ApprovalEscalate the coordinator is told;
// a ticket past its committed date tells its técnico, once per date.
func (s *Scheduler) FollowUp(ctx context.Context) error {
	now := s.now()
	if !s.cal.IsBusinessDay(now) {
		return nil
	}
	today := s.cal.StartOfDay(now)
	ts, err := s.st.Tickets(ctx, storage.TicketFilter{Statuses: s.eng.OpenStatuses()})
	if err != nil {
		return fmt.Errorf("tickets: %w", err)
	}
	for i := range ts {
		tk := &ts[i]
		if tk.Terminal() {
			continue
		}
		approvers, err := s.eng.Approvers(ctx, tk)
		if err != nil {
			return err
		}
		if len(approvers) > 0 {
			if err := s.chaseApproval(ctx, tk, approvers); err != nil {
				return err
			}
			continue
		}
		if due := tk.DueDate(); !due.IsZero() && due.Before(today) {
			if err := s.overdueNotice(ctx, tk); err != nil {
				return err
			}
		}
	}
	return nil
}

// chaseApproval reminds the approvers of a ticket, then the coordinator.
func (s *Scheduler) chaseApproval(ctx context.Context, tk *storage.Ticket, approvers map[string][]conversations.Button) error {
	waited := s.now().Sub(enteredStatus(tk))
	step := tk.Folio + ":" + strconv.Itoa(len(tk.History))
	if waited >= s.cfg.ApprovalDelay {
		var msgs []conversations.Message
		for id, bs := range approvers {
			if off, err := s.eng.Unreached(ctx, id); err != nil {
				return err
			} else if off {
				if err := s.remindInstead(ctx, tk, id, step, waited); err != nil {
					return err
				}
				continue
			}
			p := s.person(ctx, id)
			lang := s.eng.Language(p)
			msgs = append(msgs, conversations.Message{To: id, Text: conversations.Text(lang, "sched.approval.remind",
				tk.Folio, conversations.Text(lang, "svc."+tk.Service), s.person(ctx, tk.Requester).Name, conversations.Plural(lang, "count.days", days(waited))),
				Buttons: [][]conversations.Button{bs}})
		}
		sortMessages(msgs)
		if _, err := s.eng.Post(ctx, "approval-reminder:"+step, msgs...); err != nil {
			return err
		}
	}
	if waited < s.cfg.ApprovalEscalate {
		return nil
	}
	var names []string
	for id := range approvers {
		names = append(names, s.person(ctx, id).Name)
	}
	sortStrings(names)
	return s.tellRole(ctx, "approval-escalation:"+step, storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		return conversations.Message{To: p.ID, Text: conversations.Text(lang, "sched.approval.escalate",
			tk.Folio, conversations.Text(lang, "svc."+tk.Service), conversations.Plural(lang, "count.days", days(waited)), joinNames(lang, names)),
			Buttons: [][]conversations.Button{{{Label: tk.Folio, Code: chat.ViewCode(tk.Folio)}}}}
	})
}

// remindInstead tells the coordination, in place of an approver whom no
// platform reaches, that the ticket waits for their visto bueno.
func (s *Scheduler) remindInstead(ctx context.Context, tk *storage.Ticket, approver, step string, waited time.Duration) error {
	name := s.person(ctx, approver).Name
	return s.tellRole(ctx, "approval-reminder:"+step+":"+approver, storage.RoleCoordinador, func(p storage.Person, lang string) conversations.Message {
		return conversations.Message{To: p.ID, Text: conversations.Text(lang, "sched.approval.remind.unreached",
			tk.Folio, conversations.Text(lang, "svc."+tk.Service), s.person(ctx, tk.Requester).Name, name, conversations.Plural(lang, "count.days", days(waited))),
			Buttons: [][]conversations.Button{{{Label: tk.Folio, Code: "v:" + tk.Folio}}}}
	})
}

// overdueNotice tells the ticket's técnico (the coordinator when it has
// none) that its committed date passed, once per committed date.
func (s *Scheduler) overdueNotice(ctx context.Context, tk *storage.Ticket) error {
	due := tk.DueDate()
	id := "overdue:" + tk.Folio + ":" + due.In(s.loc).Format("2006-01-02")
	send := func(p storage.Person, lang string) conversations.Message {
		return conversations.Message{To: p.ID, Text: conversations.Text(lang, "sched.overdue",
			tk.Folio, conversations.Text(lang, "svc."+tk.Service), s.day(due)),
			Buttons: [][]conversations.Button{{{Label: tk.Folio, Code: chat.ViewCode(tk.Folio)}}}}
	}
	if tk.Assignee == "" {
		return s.tellRole(ctx, id, storage.RoleCoordinador, send)
	}
	p := s.person(ctx, tk.Assignee)
	_, err := s.eng.Post(ctx, id, send(p, s.eng.Language(p)))
	return err
}

// sortMessages orders messages by recipient, so a run's ids are stable.
func sortMessages(msgs []conversations.Message) {
	slices.SortFunc(msgs, func(a, b conversations.Message) int { return strings.Compare(a.To, b.To) })
}

func sortStrings(s []string) { slices.Sort(s) }

// joinNames lists names as a sentence: "Luis Pérez y Rectoría".
func joinNames(lang string, names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + conversations.Text(lang, "and") + " " + names[len(names)-1]
}
