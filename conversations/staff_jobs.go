package conversations

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/procedures"
	"ctdesk/storage"
)

// jobTurn is a turn with no one acting, for what the scheduler decides.
func (e *Engine) jobTurn(ctx context.Context, id string, now time.Time) (*turn, error) {
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return nil, err
	}
	return &turn{e: e, ev: Event{ID: id}, now: now, dir: dir, lang: e.cfg.Language, tickets: map[string]*ticketRef{}, marks: map[string]bool{}}, nil
}

// OpenProgrammed opens the programmed maintenance ticket of a CT-RG.01 item
// that is due: assigned to the item's técnico, on behalf of the area's
// supervisor, with a bitácora entry and word to both. It opens one ticket
// per item however often it is called, and returns its folio.
func (e *Engine) OpenProgrammed(ctx context.Context, item storage.PlanItem, now time.Time) (string, error) {
	id := "programmed:" + item.ID
	t, err := e.jobTurn(ctx, id, now)
	if err != nil {
		return "", err
	}
	requester := item.By
	sup, hasSup := t.dir.Supervisor(item.Area)
	if hasSup {
		requester = sup.ID
	}
	t.who, t.known = storage.Person{ID: "ctdesk", Role: storage.RoleCoordinador}, true
	if p, ok := t.dir.Person(item.By); ok {
		t.who = p
	}
	area, day := t.dir.AreaName(item.Area), item.Planned.In(e.cfg.Location).Format(dateShown)
	tk := procedures.Programmed(item, requester, t.who, area, e.cfg.Language, e.cfg.Location, now)
	t.touch(tk)
	t.record(t.folioToken(), "mantenimiento_programado", fmt.Sprintf("CT-RG.01 %s: %s, %s, %s", item.ID, item.Equipment, area, day))
	t.send(item.Tecnico, t.trFor(item.Tecnico, "programmed.tecnico", t.folioToken(), item.Equipment, area, day),
		rows(t.buttonsFor(item.Tecnico, tk))...)
	if hasSup && sup.ID != item.Tecnico {
		t.send(sup.ID, t.trFor(sup.ID, "programmed.supervisor", t.folioToken(), item.Equipment, area, day))
	}
	items, err := e.outbox(ctx, id, t.out, now)
	if err != nil {
		return "", err
	}
	done, err := e.st.Commit(ctx, storage.Change{Seen: id, SeenTTL: 400 * 24 * time.Hour, FolioToken: t.token, Log: t.log,
		Tickets: []storage.TicketWrite{{Ticket: *tk}}, Outbox: items})
	if errors.Is(err, storage.ErrDuplicate) {
		return e.programmedFolio(ctx, item)
	}
	if err != nil {
		return "", fmt.Errorf("conversations: programmed ticket of %s: %w", item.ID, err)
	}
	return done.Folio, nil
}

// programmedFolio finds the ticket already opened for a program item.
func (e *Engine) programmedFolio(ctx context.Context, item storage.PlanItem) (string, error) {
	ts, err := e.st.Tickets(ctx, storage.TicketFilter{Service: procedures.ProgrammedService, Area: item.Area})
	if err != nil {
		return "", fmt.Errorf("conversations: programmed ticket of %s: %w", item.ID, err)
	}
	for _, tk := range ts {
		if tk.Programmed && tk.Fields["programa"] == item.ID {
			return tk.Folio, nil
		}
	}
	return "", fmt.Errorf("conversations: programmed ticket of %s: %w", item.ID, storage.ErrNotFound)
}

// buttonsFor lists the ticket's actions a person may take in its status.
func (t *turn) buttonsFor(to string, tk *storage.Ticket) []Button {
	svc := t.e.services[tk.Service]
	if svc == nil {
		return nil
	}
	p, _ := t.dir.Person(to)
	var bs []Button
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if a.Hidden || !a.Allows(tk.Status) || !t.policy().May(a.Who, tk, p) {
			continue
		}
		bs = append(bs, Button{Label: t.actionLabel(to, svc.ID, a.ID), Code: chat.Code(chat.KindAction, t.folioOf(tk), a.ID, strconv.Itoa(len(tk.History)))})
	}
	return bs
}

// Approvers lists who may give the visto bueno a ticket waits for, with the
// buttons each may press; none when it waits for no approval.
func (e *Engine) Approvers(ctx context.Context, tk *storage.Ticket) (map[string][]Button, error) {
	t, err := e.jobTurn(ctx, "", e.cfg.Now())
	if err != nil {
		return nil, err
	}
	svc := e.services[tk.Service]
	if svc == nil {
		return nil, nil
	}
	out := map[string][]Button{}
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if a.Approval == "" || !a.Allows(tk.Status) {
			continue
		}
		for _, id := range t.policy().Asked(a.Who, tk) {
			out[id] = append(out[id], Button{Label: t.actionLabel(id, svc.ID, a.ID), Code: chat.Code(chat.KindAction, tk.Folio, a.ID, strconv.Itoa(len(tk.History)))})
		}
	}
	return out, nil
}

// AwaitingApproval reports whether a ticket waits for a visto bueno.
func (e *Engine) AwaitingApproval(tk *storage.Ticket) bool {
	svc := e.services[tk.Service]
	return svc != nil && svc.AwaitingApproval(tk)
}

// Card is a ticket's summary as a person reads it.
func (e *Engine) Card(ctx context.Context, to string, tk *storage.Ticket) (string, error) {
	t, err := e.jobTurn(ctx, "", e.cfg.Now())
	if err != nil {
		return "", err
	}
	return t.card(to, tk), nil
}

// StatusName names a ticket's status in a language.
func (e *Engine) StatusName(lang string, tk *storage.Ticket) string {
	return (&turn{e: e}).statusName(lang, tk)
}
