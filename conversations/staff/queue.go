package staff

import (
	"context"
	"strings"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// Queue answers /cola: CT's work, in sections — unassigned, the person's
// own, assigned to others (for the coordinator), overdue, and waiting for a
// visto bueno — with a button to see each ticket. CT staff only.
func Queue(ctx context.Context, env Env, req Request) (Answer, error) {
	if !policy.MayUse(policy.Queue, req.Who) {
		return refused(req.Lang, "cola", "queue.forbidden"), nil
	}
	ts, err := env.Store.Tickets(ctx, storage.TicketFilter{Statuses: env.Services.OpenStatuses()})
	if err != nil {
		return Answer{}, err
	}
	today := startOfDay(req.Now, env.Location)
	var unassigned, mine, others, overdue, waiting []*storage.Ticket
	for i := range ts {
		tk := &ts[i]
		if tk.Terminal() {
			continue
		}
		switch {
		case env.Services.AwaitingApproval(tk):
			waiting = append(waiting, tk)
		case tk.Assignee == "":
			unassigned = append(unassigned, tk)
		case tk.Assignee == req.Who.ID:
			mine = append(mine, tk)
		case policy.MayUse(policy.AllWork, req.Who):
			others = append(others, tk)
		}
		if due := tk.DueDate(); !due.IsZero() && due.Before(today) {
			overdue = append(overdue, tk)
		}
	}
	q := queue{env: env, req: req}
	q.b.WriteString(texts.Text(req.Lang, "queue.title"))
	regs, err := q.registrations(ctx)
	if err != nil {
		return Answer{}, err
	}
	q.section("queue.unassigned", unassigned)
	q.section("queue.mine", mine)
	q.section("queue.others", others)
	q.section("queue.overdue", overdue)
	q.section("queue.waiting", waiting)
	if len(unassigned)+len(mine)+len(others)+len(overdue)+len(waiting)+len(regs) == 0 {
		q.b.WriteString("\n\n" + texts.Text(req.Lang, "queue.empty"))
	}
	return Answer{Text: q.b.String(), Buttons: chat.Rows(q.bs, 3), More: regs}, nil
}

// queue is the queue's text and buttons as they are written.
type queue struct {
	env Env
	req Request
	b   strings.Builder
	bs  []chat.Button
}

// section lists the tickets of one section, and offers a button for each
// of the first twelve tickets listed.
func (q *queue) section(key string, list []*storage.Ticket) {
	if len(list) == 0 {
		return
	}
	lang := q.req.Lang
	q.b.WriteString("\n\n" + texts.Text(lang, key, len(list)))
	for _, tk := range list {
		q.b.WriteString("\n• " + tk.Folio + " · " + texts.Text(lang, "svc."+tk.Service) + " · " + q.env.AreaName(tk.Area) +
			" — " + q.env.Services.StatusName(lang, tk) + age(lang, q.req.Now, tk.Updated))
		if d := tk.DueDate(); !d.IsZero() {
			q.b.WriteString(" · " + texts.Text(lang, "queue.due", day(d, q.env.Location)))
		}
		if len(q.bs) < 12 && !hasButton(q.bs, tk.Folio) {
			q.bs = append(q.bs, chat.Button{Label: tk.Folio, Code: chat.ViewCode(tk.Folio)})
		}
	}
}

// age says how long ago something happened, in days.
func age(lang string, now, since time.Time) string {
	days := int(now.Sub(since).Hours() / 24)
	if days < 1 {
		return ""
	}
	return " " + texts.Plural(lang, "age.days", days)
}

func hasButton(bs []chat.Button, label string) bool {
	for _, b := range bs {
		if b.Label == label {
			return true
		}
	}
	return false
}
