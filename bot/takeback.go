package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"ctdesk/conversations"
	"ctdesk/storage"
)

// A ticket's secret (a temporary password) is taken back from the chats
// it was delivered to: the outbox keeps the platform reference of each
// secret it delivers, never its text, and a later take-back message
// (Message.TakeBack) deletes them and says when it was handed out.

// secretRefsPrefix names, among the store's values, the references of
// the secrets of a ticket delivered to a recipient: secretRefsPrefix +
// folio + ":" + recipient.
const secretRefsPrefix = "secret:refs:"

// secretRefsKeep is how long those references are kept: past it, no
// platform lets the bot delete the message anyway, or nobody asks to.
const secretRefsKeep = 30 * 24 * time.Hour

// secretRef is one platform message that carried a secret.
type secretRef struct {
	Platform string    `json:"p"`
	Account  string    `json:"a"`
	Ref      string    `json:"r"`
	At       time.Time `json:"at"`
	// Deleted is set once the message is gone and only its replacement
	// is still to be sent.
	Deleted bool `json:"d,omitempty"`
}

// TakenBack is what a take-back did for one recipient: the platforms on
// which a secret was deleted, and those on which it could not be, why.
type TakenBack struct {
	Deleted []string
	Kept    map[string]string // platform -> why
}

func secretRefsKey(folio, recipient string) string {
	return secretRefsPrefix + folio + ":" + recipient
}

// loadSecretRefs reads the references kept for a recipient's secrets of a ticket.
func (d *Dispatcher) loadSecretRefs(ctx context.Context, key string) ([]secretRef, error) {
	raw, err := d.st.Value(ctx, key)
	if errors.Is(err, storage.ErrNotFound) || len(raw) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("bot: read %s: %w", key, err)
	}
	var refs []secretRef
	if err := json.Unmarshal(raw, &refs); err != nil {
		return nil, nil // unreadable: nothing to take back
	}
	return refs, nil
}

func (d *Dispatcher) saveSecretRefs(ctx context.Context, key string, refs []secretRef) error {
	raw, err := json.Marshal(refs)
	if err != nil {
		return fmt.Errorf("bot: encode %s: %w", key, err)
	}
	if err := d.st.SetValue(ctx, key, raw, secretRefsKeep); err != nil {
		return fmt.Errorf("bot: write %s: %w", key, err)
	}
	return nil
}

// keepSecretRefs records where a ticket's secret was delivered. One
// recipient's messages go out one at a time, from the leading
// dispatcher, so the read and the write do not race.
func (d *Dispatcher) keepSecretRefs(ctx context.Context, it *storage.OutboxItem, m conversations.Message, platform, account string, refs []string) {
	if !m.Secret || m.Folio == "" || len(refs) == 0 {
		return
	}
	key := secretRefsKey(m.Folio, it.Recipient)
	kept, err := d.loadSecretRefs(ctx, key)
	if err == nil {
		for _, r := range refs {
			kept = append(kept, secretRef{Platform: platform, Account: account, Ref: r, At: time.Now()})
		}
		err = d.saveSecretRefs(ctx, key, kept)
	}
	if err != nil {
		d.cfg.Log.Error("keep the reference of a delivered secret", "outbox_id", it.ID, "folio", m.Folio, "err", err)
	}
}

// takeBack deletes the recipient's secret messages of the ticket
// m.TakeBack on every platform they went to, and sends m.Text in place of
// each one deleted. A message the platform no longer lets delete is told
// to SecretsTakenBack with why; an error worth another try is returned,
// with what is done so far recorded.
func (d *Dispatcher) takeBack(ctx context.Context, it *storage.OutboxItem, m conversations.Message) (string, error) {
	key := secretRefsKey(m.TakeBack, it.Recipient)
	refs, err := d.loadSecretRefs(ctx, key)
	if err != nil || len(refs) == 0 {
		return "", err
	}
	done := TakenBack{Kept: map[string]string{}}
	platform := refs[0].Platform
	for len(refs) > 0 {
		r := &refs[0]
		s, ok := d.route.senders[r.Platform]
		if !ok {
			return r.Platform, fmt.Errorf("bot: take back on %s: %w", r.Platform, ErrPlatformDown)
		}
		if err := d.takeBackOne(ctx, s, r, conversations.Message{To: it.Recipient, Text: m.Text, Buttons: m.Buttons}); err != nil {
			if !errors.Is(err, ErrPermanent) && !errors.Is(err, ErrBlocked) {
				d.report(ctx, m.TakeBack, it.Recipient, done)
				if serr := d.saveSecretRefs(ctx, key, refs); serr != nil {
					d.cfg.Log.Error("record a take-back", "folio", m.TakeBack, "err", serr)
				}
				return r.Platform, err
			}
			done.Kept[r.Platform] = err.Error()
		} else {
			done.Deleted = append(done.Deleted, r.Platform)
		}
		refs = refs[1:]
		if err := d.saveSecretRefs(ctx, key, refs); err != nil {
			return r.Platform, err
		}
	}
	d.report(ctx, m.TakeBack, it.Recipient, done)
	return platform, nil
}

// takeBackOne deletes one message and sends the note in its place; a
// message deleted before is only replaced.
func (d *Dispatcher) takeBackOne(ctx context.Context, s Sender, r *secretRef, note conversations.Message) error {
	if !r.Deleted {
		del, ok := s.(Deleter)
		if !ok {
			return fmt.Errorf("bot: %s cannot delete messages: %w", s.Platform(), ErrPermanent)
		}
		if err := d.pace.wait(ctx, s, r.Account); err != nil {
			return err
		}
		if err := del.Delete(ctx, r.Ref); err != nil {
			return err
		}
		r.Deleted = true
	}
	if err := d.pace.wait(ctx, s, r.Account); err != nil {
		return err
	}
	return s.Send(ctx, &Delivery{Account: r.Account, Message: note})
}

// report tells SecretsTakenBack what a take-back did, if anything.
func (d *Dispatcher) report(ctx context.Context, folio, recipient string, done TakenBack) {
	if len(done.Deleted)+len(done.Kept) == 0 {
		return
	}
	d.cfg.Log.Info("secret taken back", "folio", folio, "recipient", recipient, "deleted", len(done.Deleted), "kept", len(done.Kept))
	if d.cfg.SecretsTakenBack != nil {
		d.cfg.SecretsTakenBack(ctx, folio, recipient, done)
	}
}
