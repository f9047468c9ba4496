package conversations

import (
	"context"
	"strconv"
	"strings"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// mine lists the person's own requests, newest first.
func (t *turn) mine(ctx context.Context) error {
	ts, err := t.e.st.Tickets(ctx, storage.TicketFilter{Requester: t.who.ID})
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		t.reply(t.tr("mine.none"), []Button{{Label: t.tr("menu.new"), Code: chat.Code(chat.KindMenu, "menu")}})
		return nil
	}
	var b strings.Builder
	b.WriteString(t.tr("mine.title"))
	var bs []Button
	for i := len(ts) - 1; i >= 0 && len(ts)-i <= 10; i-- {
		tk := &ts[i]
		b.WriteString("\n• " + tk.Folio + " · " + t.serviceName(tk.Service) + " — " + t.statusName(t.lang, tk))
		bs = append(bs, Button{Label: tk.Folio, Code: chat.ViewCode(tk.Folio)})
	}
	if len(ts) > 10 {
		b.WriteString("\n" + t.tr("mine.more", len(ts)-10))
	}
	t.reply(b.String(), chat.Rows(bs, 2)...)
	return nil
}

// showTicket shows a ticket's detail with the actions its state allows to
// the person who asks.
func (t *turn) showTicket(ctx context.Context, folio string) error {
	tk, err := t.ticket(ctx, folio)
	if notFound(err) {
		t.reply(t.tr("ticket.notfound", folio))
		return nil
	}
	if err != nil {
		return err
	}
	pol := t.policy()
	if !pol.MayView(tk, t.who) {
		// Told as if it did not exist, so a folio reveals nothing.
		t.reply(t.tr("ticket.notfound", folio))
		return t.refuse(ctx, tk.Folio, "ver", "ver")
	}
	text := t.card(t.who.ID, tk)
	missed, err := t.e.NotReached(ctx, tk)
	if err != nil {
		return err
	}
	for _, name := range missed {
		text += "\n" + t.tr("ticket.unreached", name)
	}
	text += "\n\n" + t.tr("ticket.history")
	for _, h := range tk.History {
		line := "\n" + h.At.In(t.e.cfg.Location).Format("02/01 15:04") + " " + texts.ActionDone(t.lang, tk.Service, h.Action) + " — " + t.dir.Name(h.By)
		if h.Note != "" && !strings.Contains(h.Action, "asignar") {
			line += ": " + h.Note
		}
		text += line + t.stepExtras(tk, h)
	}
	if tk.Rating != nil {
		text += "\n" + t.tr("ticket.rating", tk.Rating.Score)
		if tk.Rating.Comment != "" {
			text += "\n" + t.tr("ticket.rating.comment", tk.Rating.Comment)
		}
	}
	svc := t.e.services[tk.Service]
	var bs []Button
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if a.Can(tk) && pol.May(a.Who, tk, t.who) {
			bs = append(bs, Button{Label: t.actionLabel(t.who.ID, svc.ID, a.ID), Code: chat.Code(chat.KindAction, tk.Folio, a.ID, strconv.Itoa(len(tk.History)))})
		}
	}
	if tk.Status == storage.StatusClosed && tk.Rating == nil && policy.MayRate(tk, t.who) {
		bs = append(bs, t.ratingButtons(tk)...)
	}
	t.reply(text, append(rows(bs), []Button{{Label: t.tr("ticket.pdf"), Code: chat.Code(chat.KindPDF, tk.Folio)}})...)
	return nil
}

// stepExtras names what a history step brought besides its note: the date
// it committed and the files it added.
func (t *turn) stepExtras(tk *storage.Ticket, h storage.Transition) string {
	var out string
	for _, d := range tk.Dates {
		if d.At.Equal(h.At) && d.By == h.By {
			out += "\n   " + t.tr("ticket.step.date", d.Date.In(t.e.cfg.Location).Format(dateShown))
		}
	}
	var names []string
	for _, f := range tk.Attachments {
		if f.At.Equal(h.At) && f.By == h.By {
			names = append(names, f.Name)
		}
	}
	if len(names) > 0 {
		out += "\n   " + t.tr("ticket.step.files", strings.Join(names, ", "))
	}
	return out
}
