package convtest

import (
	"context"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/leaktest"
	"ctdesk/storage/sqlitestore"
)

// redisHome is where a store opened by Redis keeps its records.
type redisHome struct {
	c      redis.UniversalClient
	prefix string
}

var (
	homesMu sync.Mutex
	homes   = map[storage.Store]redisHome{}
)

// FindSecret returns where secret is stored in st, a store opened by
// SQLite or Redis: every row and file of the SQLite store, every key and
// value, of any type, under the Redis store's prefix (see leaktest).
func FindSecret(tb testing.TB, st storage.Store, secret string) []string {
	tb.Helper()
	var (
		found []string
		err   error
	)
	ctx := context.Background()
	switch s := st.(type) {
	case *sqlitestore.Store:
		found, err = leaktest.FindSQLite(ctx, s.Path(), secret)
	default:
		homesMu.Lock()
		h, ok := homes[st]
		homesMu.Unlock()
		if !ok {
			tb.Fatalf("convtest: the store %T was not opened by convtest", st)
		}
		found, err = leaktest.FindRedis(ctx, h.c, h.prefix, secret)
	}
	if err != nil {
		tb.Fatalf("convtest: look for the secret: %v", err)
	}
	return found
}

// NoSecret fails the test if secret is stored anywhere in st.
func NoSecret(tb testing.TB, st storage.Store, secret string) {
	tb.Helper()
	for _, where := range FindSecret(tb, st, secret) {
		tb.Errorf("the secret is stored in %s", where)
	}
}
