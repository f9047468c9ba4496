package redistest

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

var prefixSeq atomic.Int64

// Prefix returns a key prefix unique to this call, made from the test's name,
// and deletes the keys under it ("{prefix}:*") at tb.Cleanup, so tests can
// share one server, an external one included, without flushing it.
func (s *Server) Prefix(tb testing.TB) string {
	tb.Helper()
	c := s.Client(tb)
	return cleanPrefix(tb, func(context.Context, string) (*redis.Client, error) { return c, nil })
}

// cleanPrefix returns a new prefix and, at tb.Cleanup, deletes its keys on
// the server that node names.
func cleanPrefix(tb testing.TB, node func(ctx context.Context, prefix string) (*redis.Client, error)) string {
	p := uniquePrefix(tb)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c, err := node(ctx, p)
		if err != nil {
			tb.Logf("redistest: clean %s: %v", p, err)
			return
		}
		iter := c.Scan(ctx, 0, "{"+p+"}:*", 1000).Iterator()
		var keys []string
		for iter.Next(ctx) {
			keys = append(keys, iter.Val())
			if len(keys) == 500 {
				c.Unlink(ctx, keys...)
				keys = keys[:0]
			}
		}
		if len(keys) > 0 {
			c.Unlink(ctx, keys...)
		}
	})
	return p
}

// uniquePrefix returns a prefix made of the test's name and a counter.
func uniquePrefix(tb testing.TB) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '_'
	}, tb.Name())
	return fmt.Sprintf("t%d-%d-%s", time.Now().UnixNano()%1e6, prefixSeq.Add(1), name)
}
