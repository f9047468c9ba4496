package signin_test

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"ctdesk/lib/signin"
	"ctdesk/storage/sqlitestore"
)

func mustStore(t *testing.T) *sqlitestore.Store {
	t.Helper()
	st, err := sqlitestore.Open(t.Context(), filepath.Join(t.TempDir(), "ctdesk.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestLinks(t *testing.T) {
	st := mustStore(t)
	ctx := t.Context()
	now := time.Now()
	secret, err := signin.NewLink(ctx, st, "ana", now)
	if err != nil {
		t.Fatalf("NewLink: %v", err)
	}
	for _, tc := range []struct {
		name, person, secret string
		at                   time.Time
		want                 error
	}{
		{"another person's", "rosa", secret, now, signin.ErrOther},
		{"made up", "ana", "abc", now, signin.ErrUnknown},
		{"expired", "ana", secret, now.Add(signin.LinkTTL), signin.ErrUnknown},
		{"first use", "ana", secret, now.Add(time.Minute), nil},
		{"second use", "ana", secret, now.Add(2 * time.Minute), signin.ErrUsed},
	} {
		if err := signin.Redeem(ctx, st, tc.person, tc.secret, tc.at); !errors.Is(err, tc.want) {
			t.Errorf("Redeem %s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestSessions(t *testing.T) {
	st := mustStore(t)
	ctx := t.Context()
	now := time.Now()
	a, err := signin.Open(ctx, st, "ana", now)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	b, _ := signin.Open(ctx, st, "ana", now)
	r, _ := signin.Open(ctx, st, "rosa", now)
	got, err := signin.Find(ctx, st, a.ID, now)
	if err != nil || got.Person != "ana" || !got.ValidCSRF(a.CSRF) || got.ValidCSRF(r.CSRF) || got.ValidCSRF("") {
		t.Fatalf("Find: got %+v, %v; want ana's session with its own CSRF token only", got, err)
	}
	if _, err := signin.Find(ctx, st, a.ID, now.Add(signin.SessionTTL)); !errors.Is(err, signin.ErrUnknown) {
		t.Errorf("Find after SessionTTL: got %v, want ErrUnknown", err)
	}
	if err := signin.Close(ctx, st, got); err != nil {
		t.Fatal(err)
	}
	if _, err := signin.Find(ctx, st, a.ID, now); !errors.Is(err, signin.ErrClosed) {
		t.Errorf("Find of a closed session: got %v, want ErrClosed", err)
	}
	if _, err := signin.Find(ctx, st, b.ID, now); err != nil {
		t.Errorf("Find of another session of the same person: %v", err)
	}
	if err := signin.CloseAll(ctx, st, "ana"); err != nil {
		t.Fatal(err)
	}
	if _, err := signin.Find(ctx, st, b.ID, now); !errors.Is(err, signin.ErrClosed) {
		t.Errorf("Find after CloseAll: got %v, want ErrClosed", err)
	}
	if _, err := signin.Find(ctx, st, r.ID, now); err != nil {
		t.Errorf("Find of someone else's session after CloseAll: %v", err)
	}
	c, _ := signin.Open(ctx, st, "ana", now)
	if _, err := signin.Find(ctx, st, c.ID, now); err != nil {
		t.Errorf("Find of a session opened after CloseAll: %v", err)
	}
}
