package conversations

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/procedures"
	"ctdesk/conversations/records"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// SecretsTakenBack records in the ticket's bitácora what a take-back of
// its secrets did in a recipient's chats: the platforms where the message
// was deleted, and those where it could not be (too old to delete, or
// already gone), so that CT knows where a password may still be read.
func (e *Engine) SecretsTakenBack(ctx context.Context, folio, recipient string, deleted, kept []string) error {
	name := recipient
	if p, err := e.Person(ctx, recipient); err == nil {
		name = p.Name
	}
	var entries []storage.LogEntry
	add := func(action, detail string) {
		entries = append(entries, storage.LogEntry{At: e.cfg.Now(), Who: "ctdesk", Role: storage.RoleCoordinador,
			Folio: folio, Action: action, Detail: detail})
	}
	if len(deleted) > 0 {
		add("contrasena_retirada", records.TakenBack(name, deleted))
	}
	if len(kept) > 0 {
		add("contrasena_no_retirada", records.NotTakenBack(name, kept))
	}
	if err := e.st.AppendLog(ctx, entries...); err != nil {
		return fmt.Errorf("conversations: record the take-back of %s: %w", folio, err)
	}
	return nil
}

// takeBack is the message that deletes the ticket's secrets from to's
// chats, each replaced with a note of when it was handed out.
func (e *Engine) takeBack(folio, to string, handedOut time.Time, lang string) Message {
	when := handedOut.In(e.cfg.Location).Format(dateShown + " 15:04")
	return Message{To: to, TakeBack: folio, Text: texts.Text(lang, "secret.taken", when)}
}

// TakeBackDue deletes from the chats the temporary passwords handed out
// at least SecretKeep ago that nobody signed for: the scheduler runs it.
// Each hand-out is taken back once, whichever replica runs it, and a run
// missed while ctdesk was down is made at the next start.
func (e *Engine) TakeBackDue(ctx context.Context) error {
	tks, err := e.st.Tickets(ctx, storage.TicketFilter{Service: "correo", Statuses: []string{"por_firmar"}})
	if err != nil {
		return fmt.Errorf("conversations: tickets waiting for a signature: %w", err)
	}
	now := e.cfg.Now()
	for i := range tks {
		tk := &tks[i]
		to, handedOut := procedures.PasswordReaders(tk)
		if handedOut.IsZero() || now.Sub(handedOut) < e.cfg.SecretKeep {
			continue
		}
		msgs := make([]Message, 0, len(to))
		for _, id := range to {
			lang := e.cfg.Language
			if p, err := e.Person(ctx, id); err == nil {
				lang = e.Language(p)
			}
			m := e.takeBack(tk.Folio, id, handedOut, lang)
			if id == to[0] {
				// The deleted message carried the holder's button to sign.
				m.Buttons = [][]Button{{{Label: e.ActionLabel(lang, tk.Service, "firmar"),
					Code: chat.Code(chat.KindAction, tk.Folio, "firmar", strconv.Itoa(len(tk.History)))}}}
			}
			msgs = append(msgs, m)
		}
		if _, err := e.Post(ctx, "takeback:"+tk.Folio+":"+strconv.Itoa(len(tk.History)), msgs...); err != nil {
			return err
		}
	}
	return nil
}
