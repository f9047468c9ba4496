package conversations

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// How long a seal key is used, and kept. A confidential message is
// readable from the outbox, by whichever replica delivers it, for as long
// as its key is kept; after that it says that it could not be delivered.
const (
	sealKeyUse  = 24 * time.Hour
	sealKeyKeep = 7*24*time.Hour + sealKeyUse
)

// sealKeyPrefix names the seal keys among the store's values.
const sealKeyPrefix = "seal:key:"

// keyring seals the text of secret messages (a temporary password) for the
// outbox with AES-256-GCM. Each process makes its own key, stores it in
// the store's values under a random id before sealing anything with it,
// uses it for sealKeyUse and lets the store delete it after sealKeyKeep: a
// message sealed by one replica opens in another, and after a crash in the
// next process, while the password itself is never stored in clear.
type keyring struct {
	st storage.Values

	mu      sync.Mutex
	cur     cipher.AEAD
	curID   string
	curMade time.Time
	keys    map[string]cipher.AEAD // keys read or made, by id
}

func newKeyring(st storage.Values) *keyring {
	return &keyring{st: st, keys: map[string]cipher.AEAD{}}
}

// errUnsealable: the secret's key is gone (kept no longer, or the store lost it).
var errUnsealable = errors.New("secret sealed with a key that is gone")

// ErrSecretLost: a ticket's secret (a temporary password) cannot be opened
// any more. Decode returns it with the message, text left out, so that
// the deliverer drops it and tells SecretUndelivered: the ticket's técnico
// is offered a new one, and the holder never reads a notice of loss
// before the news that goes with the secret.
var ErrSecretLost = errors.New("conversations: the ticket's secret cannot be opened")

// seal encrypts plain with this process's current key, making and storing
// a new one when it is due.
func (k *keyring) seal(ctx context.Context, plain string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil || time.Since(k.curMade) > sealKeyUse {
		if err := k.rotate(ctx); err != nil {
			return "", err
		}
	}
	nonce := make([]byte, k.cur.NonceSize())
	_, _ = rand.Read(nonce)
	out := k.cur.Seal(nonce, nonce, []byte(plain), []byte(k.curID))
	return k.curID + ":" + base64.RawStdEncoding.EncodeToString(out), nil
}

// rotate makes a new key and stores it. k.mu must be held.
func (k *keyring) rotate(ctx context.Context) error {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("conversations: seal key: %w", err)
	}
	aead, err := gcm(raw)
	if err != nil {
		return err
	}
	id := randomID()
	if err := k.st.SetValue(ctx, sealKeyPrefix+id, raw, sealKeyKeep); err != nil {
		return fmt.Errorf("conversations: store seal key: %w", err)
	}
	if len(k.keys) > 1000 {
		clear(k.keys)
	}
	k.cur, k.curID, k.curMade, k.keys[id] = aead, id, time.Now(), aead
	return nil
}

// open decrypts what seal made, here or in another process. It returns
// errUnsealable when the key is gone or the text was not sealed by a key
// of ours, and the store's error when the key could not be read.
func (k *keyring) open(ctx context.Context, sealed string) (string, error) {
	id, body, ok := strings.Cut(sealed, ":")
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if !ok || err != nil {
		return "", errUnsealable
	}
	aead, err := k.key(ctx, id)
	if err != nil {
		return "", err
	}
	if len(raw) < aead.NonceSize() {
		return "", errUnsealable
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(id))
	if err != nil {
		return "", errUnsealable
	}
	return string(plain), nil
}

// key returns the key with the id, reading it from the store once.
func (k *keyring) key(ctx context.Context, id string) (cipher.AEAD, error) {
	k.mu.Lock()
	aead, ok := k.keys[id]
	k.mu.Unlock()
	if ok {
		return aead, nil
	}
	raw, err := k.st.Value(ctx, sealKeyPrefix+id)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return nil, errUnsealable
	case err != nil:
		return nil, fmt.Errorf("conversations: read seal key: %w", err)
	}
	if aead, err = gcm(raw); err != nil {
		return nil, errUnsealable
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys[id] = aead
	return aead, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("conversations: seal key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("conversations: seal key: %w", err)
	}
	return aead, nil
}

// encode turns a message into an outbox payload, sealing secret text.
func (e *Engine) encode(ctx context.Context, m Message) ([]byte, error) {
	if m.Secret {
		sealed, err := e.seal.seal(ctx, m.Text)
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
		plain, err := e.seal.open(ctx, m.Text)
		switch {
		case errors.Is(err, errUnsealable) && m.Folio != "":
			m.Text, m.Buttons = "", nil
			return m, ErrSecretLost
		case errors.Is(err, errUnsealable):
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
