package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ctdesk/storage"
)

// Value returns the value, or ErrNotFound when unset or expired.
func (s *Store) Value(ctx context.Context, key string) ([]byte, error) {
	var v []byte
	err := s.r.QueryRowContext(ctx, "SELECT value FROM kv WHERE key = ? AND "+live, key, s.now().UnixNano()).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlitestore: value %s: %w", key, storage.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: value %s: %w", key, err)
	}
	return v, nil
}

// SetValue stores the value; ttl 0 keeps it forever.
func (s *Store) SetValue(ctx context.Context, key string, val []byte, ttl time.Duration) error {
	if val == nil {
		val = []byte{}
	}
	_, err := s.exec(ctx, "INSERT OR REPLACE INTO kv (key, value, expires_at) VALUES (?, ?, ?)",
		key, val, expiresAt(s.now(), ttl))
	if err != nil {
		return fmt.Errorf("sqlitestore: set value %s: %w", key, err)
	}
	return nil
}
