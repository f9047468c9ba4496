package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ctdesk/storage"
)

// TryLock takes the named lock for ttl if it is free, expired or already
// owner's (then its ttl starts again); it reports whether owner holds it.
func (s *Store) TryLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	now := s.now()
	res, err := s.exec(ctx, `INSERT INTO locks (name, owner, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
		WHERE locks.owner = excluded.owner OR (locks.expires_at != 0 AND locks.expires_at <= ?)`,
		name, owner, expiresAt(now, ttl), now.UnixNano())
	if err != nil {
		return false, fmt.Errorf("sqlitestore: lock %s: %w", name, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("sqlitestore: lock %s: %w", name, err)
	}
	return n == 1, nil
}

// Unlock releases the lock if owner holds it.
func (s *Store) Unlock(ctx context.Context, name, owner string) error {
	if _, err := s.exec(ctx, "DELETE FROM locks WHERE name = ? AND owner = ?", name, owner); err != nil {
		return fmt.Errorf("sqlitestore: unlock %s: %w", name, err)
	}
	return nil
}

// LastRun returns when the job last ran, or ErrNotFound.
func (s *Store) LastRun(ctx context.Context, job string) (time.Time, error) {
	var at int64
	err := s.r.QueryRowContext(ctx, "SELECT at FROM last_runs WHERE job = ?", job).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, fmt.Errorf("sqlitestore: last run of %s: %w", job, storage.ErrNotFound)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlitestore: last run of %s: %w", job, err)
	}
	return fromNanos(at), nil
}

// SetLastRun records when the job ran.
func (s *Store) SetLastRun(ctx context.Context, job string, at time.Time) error {
	if _, err := s.exec(ctx, "INSERT OR REPLACE INTO last_runs (job, at) VALUES (?, ?)", job, nanos(at)); err != nil {
		return fmt.Errorf("sqlitestore: set last run of %s: %w", job, err)
	}
	return nil
}
