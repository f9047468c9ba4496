package conversations

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// RenewSecretAction is the action of a ticket that makes a new secret (a
// temporary password) and delivers it again, for when the first one never
// reached someone.
const RenewSecretAction = "otra_contrasena"

// SecretUndelivered tells the ticket's técnico (the coordinators when it
// has none), once per recipient and step of the ticket, that its secret
// could not be delivered to recipient, with the button that makes a new
// one for everyone; the bitácora records it, without the secret. A ticket
// that no longer waits for its secret is left alone.
func (e *Engine) SecretUndelivered(ctx context.Context, recipient, folio string) error {
	tk, err := e.st.Ticket(ctx, folio)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("conversations: secret of %s undelivered: %w", folio, err)
	}
	svc, ok := e.services[tk.Service]
	if !ok {
		return nil
	}
	if a, ok := svc.Action(RenewSecretAction); !ok || !a.Can(&tk) {
		return nil
	}
	name := recipient
	if p, err := e.Person(ctx, recipient); err == nil {
		name = p.Name
	}
	tell := []string{tk.Assignee}
	if tk.Assignee == "" {
		coords, err := e.People(ctx, storage.RoleCoordinador)
		if err != nil {
			return err
		}
		tell = tell[:0]
		for _, c := range coords {
			tell = append(tell, c.ID)
		}
	}
	step := strconv.Itoa(len(tk.History))
	var msgs []Message
	for _, id := range tell {
		lang := e.cfg.Language
		if p, err := e.Person(ctx, id); err == nil {
			lang = e.Language(p)
		}
		renew := Button{Label: e.ActionLabel(lang, tk.Service, RenewSecretAction), Code: chat.Code(chat.KindAction, folio, RenewSecretAction, step)}
		msgs = append(msgs, Message{To: id, Text: texts.Text(lang, "secret.undelivered", name, tk.Fields["cuenta"], folio),
			Buttons: [][]Button{{renew}}})
	}
	first, err := e.Post(ctx, "secretlost:"+folio+":"+step+":"+recipient, msgs...)
	if err != nil || !first {
		return err
	}
	entry := storage.LogEntry{At: e.cfg.Now(), Who: "ctdesk", Role: storage.RoleCoordinador, Folio: folio,
		Action: "contrasena_no_entregada", Detail: records.SecretUndelivered(name)}
	if err := e.st.AppendLog(ctx, entry); err != nil {
		return fmt.Errorf("conversations: record secret of %s undelivered: %w", folio, err)
	}
	return nil
}
