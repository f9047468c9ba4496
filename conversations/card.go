package conversations

import (
	"strings"

	"ctdesk/storage"
)

// card is a ticket's summary for a person: who asks for what, its status,
// its answers and its committed date.
func (t *turn) card(to string, tk *storage.Ticket) string {
	lang := t.langOf(to)
	svc := t.e.services[tk.Service]
	var b strings.Builder
	b.WriteString(folioOf(tk) + " · " + translate(lang, "svc."+tk.Service) + "\n")
	b.WriteString(translate(lang, "card.requester", t.dir.name(tk.Requester), t.dir.areaName(tk.Area)) + "\n")
	b.WriteString(translate(lang, "card.status", t.statusName(lang, tk)) + "\n")
	if tk.Assignee != "" {
		b.WriteString(translate(lang, "card.assignee", t.dir.name(tk.Assignee)) + "\n")
	}
	if d := tk.DueDate(); !d.IsZero() {
		line := translate(lang, "card.date", d.In(t.e.cfg.Location).Format(dateShown))
		if n := len(tk.Dates) - 1; n > 0 {
			line += " " + translate(lang, "card.slips", n)
		}
		b.WriteString(line + "\n")
	}
	if svc != nil {
		ans := Answers(tk.Fields)
		b.WriteString(t.answersText(lang, svc, ans, len(tk.Attachments)))
	}
	if n := len(tk.Attachments); n > 0 {
		b.WriteString("\n" + translate(lang, "card.files", n))
	}
	return strings.TrimRight(b.String(), "\n")
}
