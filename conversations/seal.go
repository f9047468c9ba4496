package conversations

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"ctdesk/conversations/texts"
	"ctdesk/lib/secret"
	"ctdesk/storage"
)

// ErrSecretLost: a ticket's secret (a temporary password) cannot be opened
// any more. Decode returns it with the message, text left out, so that
// the deliverer drops it and tells SecretUndelivered: the ticket's técnico
// is offered a new one, and the holder never reads a notice of loss
// before the news that goes with the secret.
var ErrSecretLost = errors.New("conversations: the ticket's secret cannot be opened")

// encode turns a message into an outbox payload, sealing secret text.
func (e *Engine) encode(ctx context.Context, m Message) ([]byte, error) {
	if m.Secret {
		sealed, err := e.seal.Seal(ctx, m.Text)
		if err != nil {
			return nil, err
		}
		m.Text = sealed
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("conversations: encode message %s: %w", m.ID, err)
	}
	return b, nil
}

// Decode turns an outbox payload back into a message. A secret whose key
// is gone cannot be opened: the message then says so, in the recipient's
// language, instead of carrying the secret; a ticket's secret is
// ErrSecretLost instead. A payload that is no message
// is storage.ErrInvalid; a key the store could not read now is another
// error, worth trying again.
func (e *Engine) Decode(ctx context.Context, payload []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(payload, &m); err != nil {
		return Message{}, fmt.Errorf("conversations: decode message: %w: %v", storage.ErrInvalid, err)
	}
	if m.Secret {
		plain, err := e.seal.Open(ctx, m.Text)
		switch {
		case errors.Is(err, secret.ErrUnsealable) && m.Folio != "":
			m.Text, m.Buttons = "", nil
			return m, ErrSecretLost
		case errors.Is(err, secret.ErrUnsealable):
			m.Text = texts.Text(e.cfg.Language, "secret.lost")
			m.Buttons = nil
		case err != nil:
			return Message{}, err
		default:
			m.Text = plain
		}
	}
	return m, nil
}
