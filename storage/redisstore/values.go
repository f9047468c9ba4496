package redisstore

import (
	"context"
	"fmt"
	"time"

	"ctdesk/storage"
)

// MarkSeen marks key for ttl (Options.SeenTTL when 0) with SET NX PX; it
// reports false if key was already marked. Commit uses the same marker.
func (s *Store) MarkSeen(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	if ttl <= 0 {
		ttl = s.seenTTL
	}
	ok, err := s.c.SetNX(ctx, s.p+"seen:"+key, "1", ttl).Result()
	if err != nil {
		return false, fmt.Errorf("redisstore: mark seen %s: %w", key, err)
	}
	return ok, nil
}

// Value returns the named value, or storage.ErrNotFound.
func (s *Store) Value(ctx context.Context, key string) ([]byte, error) {
	b, err := s.c.Get(ctx, s.p+"v:"+key).Bytes()
	if err != nil {
		return nil, fmt.Errorf("redisstore: value %s: %w", key, notFound(err))
	}
	return b, nil
}

// SetValue stores the value; ttl 0 keeps it forever.
func (s *Store) SetValue(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if ttl < 0 {
		return fmt.Errorf("redisstore: set value %s: negative ttl: %w", key, storage.ErrInvalid)
	}
	if val == nil {
		val = []byte{}
	}
	if err := s.c.Set(ctx, s.p+"v:"+key, val, ttl).Err(); err != nil {
		return fmt.Errorf("redisstore: set value %s: %w", key, err)
	}
	return nil
}
