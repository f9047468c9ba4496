package conversations

import (
	"strings"

	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// card is a ticket's summary for a person: who asks for what, its status,
// its answers and its committed date.
func (t *turn) card(to string, tk *storage.Ticket) string {
	lang := t.langOf(to)
	svc := t.e.services[tk.Service]
	var b strings.Builder
	b.WriteString(t.folioOf(tk) + " · " + texts.Text(lang, "svc."+tk.Service) + "\n")
	b.WriteString(texts.Text(lang, "card.requester", t.dir.Name(tk.Requester), t.dir.AreaName(tk.Area)) + "\n")
	b.WriteString(texts.Text(lang, "card.status", t.statusName(lang, tk)) + "\n")
	if tk.Assignee != "" {
		b.WriteString(texts.Text(lang, "card.assignee", t.dir.Name(tk.Assignee)) + "\n")
	}
	if d := tk.DueDate(); !d.IsZero() {
		line := texts.Text(lang, "card.date", d.In(t.e.cfg.Location).Format(dateShown))
		if n := len(tk.Dates) - 1; n > 0 {
			line += " " + texts.Plural(lang, "card.slips", n)
		}
		b.WriteString(line + "\n")
	}
	if svc != nil {
		ans := workflow.Answers(tk.Fields)
		b.WriteString(records.Answers(lang, svc, ans, t.dir.AreaName))
		b.WriteString(t.workText(lang, svc, tk))
	}
	if n := len(tk.Attachments); n > 0 {
		b.WriteString("\n" + texts.Text(lang, "card.files", n))
	}
	return strings.TrimRight(b.String(), "\n")
}

// workText lists what CT's work added to a ticket: the values its actions
// keep (a content kind, a published address, a chosen draft) and its
// counters (rounds of changes, reschedules).
func (t *turn) workText(lang string, svc *workflow.Service, tk *storage.Ticket) string {
	var b strings.Builder
	for _, kv := range records.KeptValues(lang, svc, tk) {
		b.WriteString("\n• " + kv[0] + ": " + kv[1])
	}
	shown := map[string]bool{}
	for _, a := range svc.Actions {
		n := tk.Counters[a.Counter]
		if a.Counter == "" || n == 0 || shown["#"+a.Counter] {
			continue
		}
		shown["#"+a.Counter] = true
		if key := svc.ID + ".counter." + a.Counter; texts.Has(lang, key) {
			b.WriteString("\n" + texts.Text(lang, key, n))
		}
	}
	return b.String()
}
