package staff

import (
	"context"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/registration"
	"ctdesk/conversations/texts"
)

// maxQueuedRegistrations bounds the registrations the queue sends, each
// as a message of its own with its buttons.
const maxQueuedRegistrations = 10

// registrations lists in the queue the registrations waiting for someone
// who may decide them, and returns each one's review with its buttons, so
// a registration whose notice never reached the coordinator can still be
// decided.
func (q *queue) registrations(ctx context.Context) ([]chat.Message, error) {
	if !policy.MayUse(policy.Registrations, q.req.Who) {
		return nil, nil
	}
	people, err := q.env.Store.People(ctx)
	if err != nil {
		return nil, err
	}
	lang := q.req.Lang
	var out []chat.Message
	n := 0
	for _, p := range people {
		if !p.Pending {
			continue
		}
		n++
		if len(out) < maxQueuedRegistrations {
			text, buttons := registration.Review(lang, p, q.env.AreaName)
			out = append(out, chat.Message{Text: text, Buttons: [][]chat.Button{buttons}})
		}
	}
	if n == 0 {
		return nil, nil
	}
	q.b.WriteString("\n\n" + texts.Plural(lang, "queue.registrations", n))
	if n > len(out) {
		q.b.WriteString(" " + texts.Plural(lang, "queue.registrations.more", n-len(out)))
	}
	return out, nil
}
