package secret

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
)

// values is a storage.Values in memory; ttl is ignored.
type values struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (v *values) Value(_ context.Context, key string) ([]byte, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	b, ok := v.m[key]
	if !ok {
		return nil, storage.ErrNotFound
	}
	return b, nil
}

func (v *values) SetValue(_ context.Context, key string, val []byte, _ time.Duration) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.m == nil {
		v.m = map[string][]byte{}
	}
	v.m[key] = val
	return nil
}

// TestSealOpensInAnotherKeyring: a text sealed by one process opens in
// another over the same store, and not once its key is gone.
func TestSealOpensInAnotherKeyring(t *testing.T) {
	ctx := context.Background()
	st := &values{}
	sealed, err := NewKeyring(st).Seal(ctx, "Ab3#secret")
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	if strings.Contains(sealed, "Ab3#secret") {
		t.Fatalf("sealed text %q carries the secret", sealed)
	}
	got, err := NewKeyring(st).Open(ctx, sealed)
	if err != nil || got != "Ab3#secret" {
		t.Fatalf("Open in another keyring: %q, %v; want the secret", got, err)
	}
	if _, err := NewKeyring(&values{}).Open(ctx, sealed); !errors.Is(err, ErrUnsealable) {
		t.Errorf("Open without the key: %v; want ErrUnsealable", err)
	}
}

// TestOpenRefusesWhatWasNotSealed: garbage is ErrUnsealable, not a panic.
func TestOpenRefusesWhatWasNotSealed(t *testing.T) {
	ctx := context.Background()
	k := NewKeyring(&values{})
	sealed, err := k.Seal(ctx, "x")
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	id, _, _ := strings.Cut(sealed, ":")
	for _, s := range []string{"", "nocolon", "id:!!!", id + ":", id + ":AAAA"} {
		if _, err := k.Open(ctx, s); !errors.Is(err, ErrUnsealable) {
			t.Errorf("Open(%q): %v; want ErrUnsealable", s, err)
		}
	}
}

// TestTemporaryPassword: every password has its length and one character
// of each class, and none of the look-alikes.
func TestTemporaryPassword(t *testing.T) {
	for range 200 {
		p := TemporaryPassword()
		if len(p) != passwordLength {
			t.Fatalf("%q: length %d, want %d", p, len(p), passwordLength)
		}
		for _, class := range []string{pwUpper, pwLower, pwDigit, pwSymbol} {
			if !strings.ContainsAny(p, class) {
				t.Fatalf("%q has none of %q", p, class)
			}
		}
		if strings.ContainsAny(p, "0O1lI") {
			t.Fatalf("%q has a look-alike character", p)
		}
	}
}
