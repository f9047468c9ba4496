// Package secret keeps secrets out of the store in clear: a keyring that
// seals a secret's text with keys kept in the store's values, and the
// temporary passwords the procedures hand out.
package secret

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"ctdesk/storage"
)

// How long a seal key is used, and kept. A confidential message is
// readable from the outbox, by whichever replica delivers it, for as long
// as its key is kept; after that it says that it could not be delivered.
const (
	keyUse  = 24 * time.Hour
	keyKeep = 7*24*time.Hour + keyUse
)

// keyPrefix names the seal keys among the store's values.
const keyPrefix = "seal:key:"

// ErrUnsealable means a sealed text cannot be opened: its key is gone
// (kept no longer, or the store lost it), or no key of ours sealed it.
var ErrUnsealable = errors.New("secret sealed with a key that is gone")

// Keyring seals the text of secret messages (a temporary password) for the
// outbox with AES-256-GCM. Each process makes its own key, stores it in
// the store's values under a random id before sealing anything with it,
// uses it for a day and lets the store delete it a week later: a
// message sealed by one replica opens in another, and after a crash in the
// next process, while the password itself is never stored in clear.
type Keyring struct {
	st storage.Values

	mu      sync.Mutex
	cur     cipher.AEAD
	curID   string
	curMade time.Time
	keys    map[string]cipher.AEAD // keys read or made, by id
}

// NewKeyring returns a keyring that keeps its keys in st.
func NewKeyring(st storage.Values) *Keyring {
	return &Keyring{st: st, keys: map[string]cipher.AEAD{}}
}

// Seal encrypts plain with this process's current key, making and storing
// a new one when it is due. It returns the store's error when a new key
// could not be stored.
func (k *Keyring) Seal(ctx context.Context, plain string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cur == nil || time.Since(k.curMade) > keyUse {
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
func (k *Keyring) rotate(ctx context.Context) error {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("secret: seal key: %w", err)
	}
	aead, err := gcm(raw)
	if err != nil {
		return err
	}
	id := randomID()
	if err := k.st.SetValue(ctx, keyPrefix+id, raw, keyKeep); err != nil {
		return fmt.Errorf("secret: store seal key: %w", err)
	}
	if len(k.keys) > 1000 {
		clear(k.keys)
	}
	k.cur, k.curID, k.curMade, k.keys[id] = aead, id, time.Now(), aead
	return nil
}

// Open decrypts what Seal made, here or in another process. It returns
// ErrUnsealable when the key is gone or the text was not sealed by a key
// of ours, and the store's error when the key could not be read.
func (k *Keyring) Open(ctx context.Context, sealed string) (string, error) {
	id, body, ok := strings.Cut(sealed, ":")
	raw, err := base64.RawStdEncoding.DecodeString(body)
	if !ok || err != nil {
		return "", ErrUnsealable
	}
	aead, err := k.key(ctx, id)
	if err != nil {
		return "", err
	}
	if len(raw) < aead.NonceSize() {
		return "", ErrUnsealable
	}
	plain, err := aead.Open(nil, raw[:aead.NonceSize()], raw[aead.NonceSize():], []byte(id))
	if err != nil {
		return "", ErrUnsealable
	}
	return string(plain), nil
}

// key returns the key with the id, reading it from the store once.
func (k *Keyring) key(ctx context.Context, id string) (cipher.AEAD, error) {
	k.mu.Lock()
	aead, ok := k.keys[id]
	k.mu.Unlock()
	if ok {
		return aead, nil
	}
	raw, err := k.st.Value(ctx, keyPrefix+id)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return nil, ErrUnsealable
	case err != nil:
		return nil, fmt.Errorf("secret: read seal key: %w", err)
	}
	if aead, err = gcm(raw); err != nil {
		return nil, ErrUnsealable
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.keys[id] = aead
	return aead, nil
}

func gcm(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secret: seal key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: seal key: %w", err)
	}
	return aead, nil
}

// randomID returns a fresh random key id.
func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
