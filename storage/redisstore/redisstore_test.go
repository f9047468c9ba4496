package redisstore

import (
	"fmt"
	"os"
	"testing"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
	"ctdesk/storage/storetest"
)

// srv is the redis-server shared by the package's tests; each store gets its
// own key prefix.
var srv *redistest.Server

func TestMain(m *testing.M) {
	var err error
	srv, err = redistest.Launch()
	if err != nil {
		fmt.Fprintln(os.Stderr, "redisstore tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	if err := srv.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "redisstore tests:", err)
	}
	os.Exit(code)
}

// mustOpen returns a store over a fresh prefix, closed at cleanup.
func mustOpen(tb testing.TB) *Store {
	tb.Helper()
	return openPrefix(tb, srv.Prefix(tb))
}

func openPrefix(tb testing.TB, prefix string) *Store {
	tb.Helper()
	opts, err := ParseURL(srv.URL())
	if err != nil {
		tb.Fatalf("ParseURL: %v", err)
	}
	s := New(redis.NewUniversalClient(opts), Options{Prefix: prefix})
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) storage.Store { return mustOpen(t) },
		Restart: func(t *testing.T, s storage.Store) storage.Store {
			rs := s.(*Store)
			rs.Close()
			srv.Restart(t)
			return openPrefix(t, rs.prefix)
		},
	})
}
