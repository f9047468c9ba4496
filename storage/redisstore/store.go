package redisstore

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

var _ storage.Store = (*Store)(nil)

var (
	//go:embed lua/commit.lua
	commitLua string
	//go:embed lua/list.lua
	listLua string
	//go:embed lua/claim.lua
	claimLua string
	//go:embed lua/retry.lua
	retryLua string
	//go:embed lua/lock.lua
	lockLua string
	//go:embed lua/unlock.lua
	unlockLua string
	//go:embed lua/account.lua
	accountLua string
	//go:embed lua/outbox_layout.lua
	outboxLayoutLua string

	commitScript  = redis.NewScript(commitLua)
	listScript    = redis.NewScript(listLua)
	claimScript   = redis.NewScript(claimLua)
	retryScript   = redis.NewScript(retryLua)
	lockScript    = redis.NewScript(lockLua)
	unlockScript  = redis.NewScript(unlockLua)
	accountScript = redis.NewScript(accountLua)

	outboxLayoutScript = redis.NewScript(outboxLayoutLua)
)

// Options configure a Store.
type Options struct {
	// Prefix starts every key, inside a hash tag: "{Prefix}:". Default "ctdesk".
	Prefix string
	// SeenTTL is used when a Change or MarkSeen gives no TTL. Default 24h.
	SeenTTL time.Duration
	// DialogTTL is used when a DialogWrite gives no TTL. Default 7 days.
	DialogTTL time.Duration
	// MinReplicas is how many replicas must hold a commit before Commit
	// returns nil; otherwise it returns ErrNotReplicated. 0 waits for none.
	// See the package documentation for what this guarantees.
	MinReplicas int
	// ReplicaTimeout bounds the wait for MinReplicas. Default 1s; at most
	// half the client's read timeout.
	ReplicaTimeout time.Duration
}

// Store keeps ctdesk's records in Redis.
type Store struct {
	c         redis.UniversalClient
	prefix    string
	p         string // "{prefix}:"
	route     []string
	seenTTL   time.Duration
	dialogTTL time.Duration

	minReplicas    int
	replicaTimeout time.Duration
	// outboxMoved is set once the outbox is known to be in its current layout.
	outboxMoved atomic.Bool
	// listed is set once every ticket is in the listing indexes; listing
	// lets one query at a time fill them.
	listed  atomic.Bool
	listing sync.Mutex
	// logTimed is set once every bitácora entry is in its time index.
	logTimed atomic.Bool
}

// New returns a store over client, which it owns: Close closes it.
func New(client redis.UniversalClient, opts Options) *Store {
	if opts.Prefix == "" {
		opts.Prefix = "ctdesk"
	}
	if opts.SeenTTL <= 0 {
		opts.SeenTTL = 24 * time.Hour
	}
	if opts.DialogTTL <= 0 {
		opts.DialogTTL = 7 * 24 * time.Hour
	}
	if opts.ReplicaTimeout <= 0 {
		opts.ReplicaTimeout = defaultReplicaTimeout
	}
	p := "{" + opts.Prefix + "}:"
	return &Store{c: client, prefix: opts.Prefix, p: p, route: []string{p + "seq"},
		seenTTL: opts.SeenTTL, dialogTTL: opts.DialogTTL,
		minReplicas: max(opts.MinReplicas, 0), replicaTimeout: opts.ReplicaTimeout}
}

// Ping checks that Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.c.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redisstore: ping: %w", err)
	}
	return nil
}

// Close closes the client. Closing twice returns the client's error.
func (s *Store) Close() error {
	if err := s.c.Close(); err != nil {
		return fmt.Errorf("redisstore: close: %w", err)
	}
	return nil
}

// notFound turns redis.Nil into storage.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, redis.Nil) {
		return storage.ErrNotFound
	}
	return err
}

// micros is the sorted-set score of t: Unix microseconds, exact in a float64.
func micros(t time.Time) string { return strconv.FormatInt(t.UnixMicro(), 10) }

func ms(d time.Duration) string {
	n := d.Milliseconds()
	if n < 1 {
		n = 1
	}
	return strconv.FormatInt(n, 10)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}
