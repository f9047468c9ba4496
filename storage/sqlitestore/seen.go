package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"ctdesk/storage"
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

// defaultMarkTTL is how long a mark counts when the change gives no TTL.
const defaultMarkTTL = 24 * time.Hour

// mark raises the stream's mark to m.N, or fails with storage.ErrDuplicate
// when a live mark is already there or past it.
func (s *Store) mark(ctx context.Context, tx *sql.Tx, m storage.UpdateMark, now time.Time) error {
	ttl := m.TTL
	if ttl <= 0 {
		ttl = defaultMarkTTL
	}
	res, err := txExec(ctx, tx, s.ws.mark, m.Stream, m.N, expiresAt(now, ttl), now.UnixNano())
	if err != nil {
		return fmt.Errorf("mark %q: %w", m.Stream, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("mark %q: %w", m.Stream, err)
	}
	if n == 0 {
		return fmt.Errorf("update %s#%d: %w", m.Stream, m.N, storage.ErrDuplicate)
	}
	return nil
}
