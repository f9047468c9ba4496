package conversations

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"ctdesk/conversations/texts"
)

// sealer encrypts secret message texts with a key that lives only in this
// process's memory: a temporary password waiting in the outbox is never
// readable from the store, and after a restart it cannot be recovered at all.
type sealer struct {
	aead  cipher.AEAD
	keyID string
}

func newSealer() (*sealer, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("conversations: seal key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("conversations: seal key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("conversations: seal key: %w", err)
	}
	return &sealer{aead: aead, keyID: randomID()[:8]}, nil
}

// errUnsealable: the secret was sealed by another process or before a restart.
var errUnsealable = errors.New("secret sealed with another key")

func (s *sealer) seal(plain string) string {
	nonce := make([]byte, s.aead.NonceSize())
	_, _ = rand.Read(nonce)
	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(s.keyID))
	return s.keyID + ":" + base64.RawStdEncoding.EncodeToString(out)
}

func (s *sealer) open(sealed string) (string, error) {
	if len(sealed) < len(s.keyID)+1 || sealed[:len(s.keyID)] != s.keyID {
		return "", errUnsealable
	}
	raw, err := base64.RawStdEncoding.DecodeString(sealed[len(s.keyID)+1:])
	if err != nil || len(raw) < s.aead.NonceSize() {
		return "", errUnsealable
	}
	plain, err := s.aead.Open(nil, raw[:s.aead.NonceSize()], raw[s.aead.NonceSize():], []byte(s.keyID))
	if err != nil {
		return "", errUnsealable
	}
	return string(plain), nil
}

// encode turns a message into an outbox payload, sealing secret text.
func (e *Engine) encode(m Message) ([]byte, error) {
	if m.Secret {
		m.Text = e.seal.seal(m.Text)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("conversations: encode message %s: %w", m.ID, err)
	}
	return b, nil
}

// Decode turns an outbox payload back into a message. A secret sealed by
// another process (or before a restart) cannot be opened: the message then
// says so, in the recipient's language, instead of carrying the secret.
func (e *Engine) Decode(payload []byte) (Message, error) {
	var m Message
	if err := json.Unmarshal(payload, &m); err != nil {
		return Message{}, fmt.Errorf("conversations: decode message: %w", err)
	}
	if m.Secret {
		plain, err := e.seal.open(m.Text)
		if err != nil {
			m.Text = texts.Text(e.cfg.Language, "secret.lost")
			m.Buttons = nil
		} else {
			m.Text = plain
		}
	}
	return m, nil
}
