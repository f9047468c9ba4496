package conversations

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// enterStatus tells everyone concerned that a ticket reached its status:
// those who may act now get the buttons of exactly what they may do, the
// requester is always told, and the service's Notify audiences are informed.
// by is the action that got it there (nil for a new ticket).
func (t *turn) enterStatus(ctx context.Context, tk *storage.Ticket, by *workflow.Action) {
	svc := t.e.services[tk.Service]
	step := strconv.Itoa(len(tk.History))
	offers := map[string][]Button{}
	for i := range svc.Actions {
		a := &svc.Actions[i]
		if a.Hidden || !a.Can(tk) {
			continue
		}
		for _, p := range t.policy().Asked(a.Who, tk) {
			offers[p] = append(offers[p], Button{Label: t.actionLabel(p, svc.ID, a.ID), Code: chat.Code(chat.KindAction, t.folioOf(tk), a.ID, step)})
		}
	}
	told := map[string]bool{}
	// The requester first: what happened, and what they may do now.
	req := tk.Requester
	text := t.statusText(req, svc, tk, by)
	if by == nil {
		text = t.trFor(req, "ticket.registered", t.folioOf(tk), t.trFor(req, "svc."+svc.ID)) + "\n" + text
	}
	if tk.Status == storage.StatusClosed && tk.Rating == nil && policy.MayRate(tk, storage.Person{ID: req}) {
		offers[req] = append(offers[req], t.ratingButtons(tk)...)
		text += "\n\n" + t.trFor(req, "rate.ask")
	}
	t.send(req, text, rows(offers[req])...)
	t.attachDelivered(req)
	told[req] = true

	ids := make([]string, 0, len(offers))
	for id := range offers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if told[id] {
			continue
		}
		told[id] = true
		t.send(id, t.newsFor(id, svc, tk, by)+t.askText(id, svc, tk)+"\n\n"+t.card(id, tk), rows(offers[id])...)
		t.attachDelivered(id)
	}
	for _, id := range t.policy().Asked(svc.Notify[tk.Status], tk) {
		if told[id] || id == t.who.ID {
			continue
		}
		told[id] = true
		t.send(id, t.tellText(id, svc, tk, by)+"\n\n"+t.card(id, tk))
	}
}

// attachDelivered attaches the files an action delivers to the message
// just queued for a person, unless that person sent them.
func (t *turn) attachDelivered(to string) {
	if len(t.deliver) > 0 && to != t.who.ID {
		t.out[len(t.out)-1].Files = t.deliver
	}
}

// rows puts buttons in rows of at most three, ratings on one row.
func rows(bs []Button) [][]Button {
	var out [][]Button
	var rate []Button
	for _, b := range bs {
		if kind, _, _ := chat.ParseCode(b.Code); kind == chat.KindRate {
			rate = append(rate, b)
			continue
		}
		if len(out) == 0 || len(out[len(out)-1]) == 2 {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], b)
	}
	if len(rate) > 0 {
		out = append(out, rate)
	}
	return out
}

// ratingButtons offers 1–5 stars for a closed ticket.
func (t *turn) ratingButtons(tk *storage.Ticket) []Button {
	var bs []Button
	for n := 1; n <= 5; n++ {
		bs = append(bs, Button{Label: strings.Repeat("★", n), Code: chat.Code(chat.KindRate, t.folioOf(tk), strconv.Itoa(n))})
	}
	return bs
}

// vars are the placeholders of a ticket's texts.
func (t *turn) vars(to string, svc *workflow.Service, tk *storage.Ticket) map[string]string {
	lang := t.langOf(to)
	v := map[string]string{
		"folio":     t.folioOf(tk),
		"svc":       texts.Text(lang, "svc."+svc.ID),
		"by":        t.dir.Name(t.who.ID),
		"requester": t.dir.Name(tk.Requester),
		"assignee":  t.dir.Name(tk.Assignee),
		"area":      t.dir.AreaName(tk.Area),
		"status":    t.statusName(lang, tk),
		"notes":     "",
		"reason":    "",
		"sent":      "",
		"detail":    "",
	}
	if d := tk.DueDate(); !d.IsZero() {
		v["date"] = d.In(t.e.cfg.Location).Format(dateShown)
	}
	if s, ok := t.dir.Supervisor(tk.Area); ok {
		v["supervisor"] = s.Name
	}
	if id := tk.Fields[policy.HolderField]; id != "" {
		v["holder"] = t.dir.Name(id)
	}
	if n := len(t.deliver); n > 0 {
		v["sent"] = "\n" + texts.Plural(lang, "did.files", n)
	}
	for k, n := range tk.Counters {
		v[k] = strconv.Itoa(n)
	}
	for k, f := range tk.Fields {
		if _, ok := v[k]; !ok {
			v[k] = f
		}
	}
	if n := len(tk.History); n > 0 && tk.History[n-1].Note != "" && !strings.Contains(tk.History[n-1].Action, "asignar") {
		v["note"] = tk.History[n-1].Note
		v["notes"] = "\n" + texts.Text(lang, "card.note", v["note"])
		v["reason"] = "\n" + texts.Text(lang, "card.reason", v["note"])
		v["detail"] = "\n" + v["note"]
	}
	return v
}

// statusText tells what a ticket's status means for a person.
func (t *turn) statusText(to string, svc *workflow.Service, tk *storage.Ticket, by *workflow.Action) string {
	lang := t.langOf(to)
	v := t.vars(to, svc, tk)
	if by != nil {
		if key := texts.Pick(lang, t.varied(svc.ID+".did."+by.ID), svc.ID+".did."+by.ID, "did."+by.ID, ""); key != "" {
			return texts.Vars(lang, key, v)
		}
	}
	return texts.Vars(lang, texts.Pick(lang, svc.ID+".st."+tk.Status, "st."+tk.Status, "st.other"), v)
}

// tellText tells someone other than the requester what happened to a
// ticket ("<svc>.tell.<status>", "tell.<status>"), falling back to the
// requester's text.
func (t *turn) tellText(to string, svc *workflow.Service, tk *storage.Ticket, by *workflow.Action) string {
	lang := t.langOf(to)
	if news := t.newsFor(to, svc, tk, by); news != "" {
		return strings.TrimSuffix(news, "\n")
	}
	if key := texts.Pick(lang, svc.ID+".tell."+tk.Status, "tell."+tk.Status, ""); key != "" {
		return texts.Vars(lang, key, t.vars(to, svc, tk))
	}
	return t.statusText(to, svc, tk, by)
}

// newsFor tells someone who now has to act what another person just did
// ("<svc>.news.<action>", "news.<action>"), as a line before the question.
func (t *turn) newsFor(to string, svc *workflow.Service, tk *storage.Ticket, by *workflow.Action) string {
	if by == nil || to == t.who.ID {
		return ""
	}
	lang := t.langOf(to)
	key := texts.Pick(lang, t.varied(svc.ID+".news."+by.ID), svc.ID+".news."+by.ID, "news."+by.ID, "")
	if key == "" {
		return ""
	}
	return texts.Vars(lang, key, t.vars(to, svc, tk)) + "\n"
}

// varied is the key of the wording the action's Do chose ("" for none).
func (t *turn) varied(key string) string {
	if t.variant == "" {
		return ""
	}
	return key + "." + t.variant
}

// askText asks a person to act on a ticket.
func (t *turn) askText(to string, svc *workflow.Service, tk *storage.Ticket) string {
	lang := t.langOf(to)
	return texts.Vars(lang, texts.Pick(lang, svc.ID+".ask."+tk.Status, "ask."+tk.Status, "ask.other"), t.vars(to, svc, tk))
}

// statusName names a ticket's status, as the records do (texts.Labels).
func (t *turn) statusName(lang string, tk *storage.Ticket) string {
	return texts.StatusName(lang, tk.Service, tk.Status)
}

// actionLabel labels an action's button for a person.
func (t *turn) actionLabel(to, service, action string) string {
	lang := t.langOf(to)
	return texts.Text(lang, texts.Pick(lang, service+".act."+action, "act."+action))
}
