// Package signin lets a person open the web panel from chat, with no
// password: the bot hands out a one-time link (valid for LinkTTL, usable
// once, bound to the person it was made for), and opening it starts a
// session. Sessions expire after SessionTTL, and are closed one at a time
// from the panel or all at once from chat.
//
// Everything lives in the store's named values, so every replica agrees:
// a link or a session is kept under the SHA-256 of its secret, never the
// secret itself, and a link is spent with the store's seen marks, which
// only one caller can set.
package signin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"ctdesk/storage"
)

// Store is where links and sessions are kept.
type Store interface {
	storage.Values
	storage.Seen
}

// How long links and sessions last.
const (
	LinkTTL    = 10 * time.Minute
	SessionTTL = 12 * time.Hour
)

// Why a link or a session is refused.
var (
	// ErrUnknown: no such link or session, or it expired.
	ErrUnknown = errors.New("signin: unknown or expired")
	// ErrUsed: the link was used already.
	ErrUsed = errors.New("signin: link already used")
	// ErrOther: the link was made for someone else.
	ErrOther = errors.New("signin: link of another person")
	// ErrClosed: the session was closed.
	ErrClosed = errors.New("signin: session closed")
)

// link is what is kept of a link.
type link struct {
	Person  string    `json:"person"`
	Expires time.Time `json:"expires"`
}

// NewLink makes a one-time link secret for a person.
func NewLink(ctx context.Context, st Store, person string, now time.Time) (string, error) {
	secret := newSecret()
	js, _ := json.Marshal(link{Person: person, Expires: now.Add(LinkTTL)})
	if err := st.SetValue(ctx, "signin:link:"+digest(secret), js, LinkTTL); err != nil {
		return "", fmt.Errorf("signin: new link: %w", err)
	}
	return secret, nil
}

// Redeem spends a link made for person: ErrUnknown, ErrUsed or ErrOther
// when it may not be used. Only the first call with a valid link succeeds.
func Redeem(ctx context.Context, st Store, person, secret string, now time.Time) error {
	key := digest(secret)
	js, err := st.Value(ctx, "signin:link:"+key)
	if errors.Is(err, storage.ErrNotFound) {
		return ErrUnknown
	}
	if err != nil {
		return fmt.Errorf("signin: redeem: %w", err)
	}
	var l link
	if err := json.Unmarshal(js, &l); err != nil || !now.Before(l.Expires) {
		return ErrUnknown
	}
	if subtle.ConstantTimeCompare([]byte(l.Person), []byte(person)) != 1 {
		return ErrOther
	}
	first, err := st.MarkSeen(ctx, "signin:used:"+key, LinkTTL)
	if err != nil {
		return fmt.Errorf("signin: redeem: %w", err)
	}
	if !first {
		return ErrUsed
	}
	return nil
}

// Session is a person signed in to the panel.
type Session struct {
	// ID is the secret the browser keeps in its cookie.
	ID     string    `json:"-"`
	Person string    `json:"person"`
	Epoch  string    `json:"epoch"`
	CSRF   string    `json:"csrf"` // the token every form of the session carries
	Start  time.Time `json:"start"`
	Closed bool      `json:"closed,omitempty"`
}

// Open starts a session for a person.
func Open(ctx context.Context, st Store, person string, now time.Time) (Session, error) {
	epoch, err := currentEpoch(ctx, st, person)
	if err != nil {
		return Session{}, err
	}
	s := Session{ID: newSecret(), Person: person, Epoch: epoch, CSRF: newSecret(), Start: now}
	if err := put(ctx, st, s, SessionTTL); err != nil {
		return Session{}, err
	}
	return s, nil
}

// Find returns the live session with the secret: ErrUnknown when there is
// none (or it expired), ErrClosed when it was closed.
func Find(ctx context.Context, st Store, id string, now time.Time) (Session, error) {
	js, err := st.Value(ctx, "signin:session:"+digest(id))
	if errors.Is(err, storage.ErrNotFound) {
		return Session{}, ErrUnknown
	}
	if err != nil {
		return Session{}, fmt.Errorf("signin: session: %w", err)
	}
	var s Session
	if err := json.Unmarshal(js, &s); err != nil || !now.Before(s.Start.Add(SessionTTL)) {
		return Session{}, ErrUnknown
	}
	if s.Closed {
		return Session{}, ErrClosed
	}
	epoch, err := currentEpoch(ctx, st, s.Person)
	if err != nil {
		return Session{}, err
	}
	if epoch != s.Epoch {
		return Session{}, ErrClosed
	}
	s.ID = id
	return s, nil
}

// Close closes one session.
func Close(ctx context.Context, st Store, s Session) error {
	s.Closed = true
	return put(ctx, st, s, SessionTTL)
}

// CloseAll closes every session of a person.
func CloseAll(ctx context.Context, st Store, person string) error {
	if err := st.SetValue(ctx, "signin:epoch:"+person, []byte(newSecret()), 0); err != nil {
		return fmt.Errorf("signin: close sessions of %s: %w", person, err)
	}
	return nil
}

// ValidCSRF reports whether a form's token is the session's.
func (s Session) ValidCSRF(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.CSRF)) == 1
}

// currentEpoch is the person's session epoch: closing all of someone's
// sessions gives them a new one, and a session of an older one is closed.
func currentEpoch(ctx context.Context, st Store, person string) (string, error) {
	v, err := st.Value(ctx, "signin:epoch:"+person)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("signin: sessions of %s: %w", person, err)
	}
	return string(v), nil
}

func put(ctx context.Context, st Store, s Session, ttl time.Duration) error {
	js, _ := json.Marshal(s)
	if err := st.SetValue(ctx, "signin:session:"+digest(s.ID), js, ttl); err != nil {
		return fmt.Errorf("signin: session: %w", err)
	}
	return nil
}

// newSecret is 256 random bits, URL-safe.
func newSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

func digest(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
