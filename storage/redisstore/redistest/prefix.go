package redistest

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var prefixSeq atomic.Int64

// Prefix returns a key prefix unique to this call, made from the test's name,
// and deletes the keys under it ("{prefix}:*") at tb.Cleanup, so tests can
// share one server, an external one included, without flushing it.
func (s *Server) Prefix(tb testing.TB) string {
	tb.Helper()
	p := uniquePrefix(tb)
	c := s.Client(tb)
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		unlinkPrefix(ctx, c, p)
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
