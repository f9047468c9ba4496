package redisstore

import (
	"context"
	"fmt"
	"time"
)

// TryLock takes the named lock for ttl if it is free or expired, or extends
// it when owner already holds it; it reports whether owner holds it now.
func (s *Store) TryLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error) {
	n, err := lockScript.Run(ctx, s.c, []string{s.p + "lock:" + name}, owner, ms(ttl)).Int()
	if err != nil {
		return false, fmt.Errorf("redisstore: lock %s: %w", name, err)
	}
	return n == 1, nil
}

// Unlock releases the lock if owner holds it.
func (s *Store) Unlock(ctx context.Context, name, owner string) error {
	if err := unlockScript.Run(ctx, s.c, []string{s.p + "lock:" + name}, owner).Err(); err != nil {
		return fmt.Errorf("redisstore: unlock %s: %w", name, err)
	}
	return nil
}

// LastRun returns when the job last ran, or storage.ErrNotFound.
func (s *Store) LastRun(ctx context.Context, job string) (time.Time, error) {
	v, err := s.c.HGet(ctx, s.p+"jobs", job).Result()
	if err != nil {
		return time.Time{}, fmt.Errorf("redisstore: last run %s: %w", job, notFound(err))
	}
	t, err := parseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("redisstore: last run %s: %w", job, err)
	}
	return t, nil
}

// SetLastRun records when the job ran.
func (s *Store) SetLastRun(ctx context.Context, job string, at time.Time) error {
	if err := s.c.HSet(ctx, s.p+"jobs", job, at.Format(time.RFC3339Nano)).Err(); err != nil {
		return fmt.Errorf("redisstore: set last run %s: %w", job, err)
	}
	return nil
}
