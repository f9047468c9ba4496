package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// markSeen marks key until now+ttl (forever when ttl <= 0) unless a live
// mark exists; it reports whether it marked.
func (s *Store) markSeen(ctx context.Context, tx *sql.Tx, key string, ttl time.Duration, now time.Time) (bool, error) {
	res, err := txExec(ctx, tx, s.ws.markSeen, key, expiresAt(now, ttl), now.UnixNano())
	if err != nil {
		return false, fmt.Errorf("seen %q: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("seen %q: %w", key, err)
	}
	return n == 1, nil
}

// MarkSeen marks key for ttl; it reports false if key was already marked.
func (s *Store) MarkSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	var ok bool
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		ok, err = s.markSeen(ctx, tx, key, ttl, s.now())
		return err
	})
	if err != nil {
		return false, fmt.Errorf("sqlitestore: mark seen: %w", err)
	}
	return ok, nil
}
