package conversations

import (
	"context"
	"fmt"
	"regexp"

	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// folioInText finds a folio a message is about.
var folioInText = regexp.MustCompile(`CT-\d{4}-\d{4}`)

// Unreachable tells the coordinators, once per recipient and ticket, that
// a message could not reach the recipient on any platform (they blocked
// the bot, or never opened a chat with it) and waits until they write to
// the bot; the ticket's bitácora records that they were not reached.
// recipient is a person id, or "platform:account" for someone not in the
// directory.
func (e *Engine) Unreachable(ctx context.Context, recipient string, m Message) error {
	name := recipient
	if p, err := e.Person(ctx, recipient); err == nil {
		name = p.Name
	}
	if _, err := e.Person(ctx, recipient); err == nil {
		if err := e.reach.Mark(ctx, recipient); err != nil {
			return err
		}
	}
	folio := folioInText.FindString(m.Text)
	for _, row := range m.Buttons {
		for _, b := range row {
			if folio == "" {
				folio = folioInText.FindString(b.Code)
			}
		}
	}
	coords, err := e.People(ctx, storage.RoleCoordinador)
	if err != nil {
		return err
	}
	var msgs []Message
	for _, c := range coords {
		if c.ID == recipient {
			continue // told of themselves, it would wait with the rest
		}
		text := texts.Text(e.Language(c), "unreachable.coord", name)
		if folio != "" {
			text = texts.Text(e.Language(c), "unreachable.coord.folio", name, folio)
		}
		msgs = append(msgs, Message{To: c.ID, Text: text})
	}
	first, err := e.Post(ctx, "unreachable:"+recipient+":"+folio, msgs...)
	if err != nil || !first || folio == "" {
		return err
	}
	entry := storage.LogEntry{At: e.cfg.Now(), Who: "ctdesk", Role: storage.RoleCoordinador, Folio: folio,
		Action: "aviso_no_entregado", Detail: records.Unreachable(name)}
	if err := e.st.AppendLog(ctx, entry); err != nil {
		return fmt.Errorf("conversations: record %s unreachable: %w", recipient, err)
	}
	return nil
}
