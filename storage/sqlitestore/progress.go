package sqlitestore

import (
	"context"
	"fmt"

	"ctdesk/storage"
)

// ProgressOutbox records how many platform calls of an item were made;
// storage.ErrNotFound if the id is unknown.
func (s *Store) ProgressOutbox(ctx context.Context, id string, sent int) error {
	if s.w == nil {
		return fmt.Errorf("sqlitestore: progress outbox %s: %w", id, ErrReadOnly)
	}
	res, err := s.w.ExecContext(ctx, "UPDATE outbox SET sent = ? WHERE id = ?", sent, id)
	if err != nil {
		return fmt.Errorf("sqlitestore: progress outbox %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlitestore: progress outbox %s: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("sqlitestore: progress outbox %s: %w", id, storage.ErrNotFound)
	}
	return nil
}
