package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"ctdesk/storage"
)

// enqueue stores items inside tx; an id already pending is left as it is.
func enqueue(ctx context.Context, tx *sql.Tx, items []storage.OutboxItem) error {
	for _, it := range items {
		payload := it.Payload
		if payload == nil {
			payload = []byte{}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO outbox
			(id, recipient, payload, created, not_before, visible_at, attempts, last_error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
			it.ID, it.Recipient, payload, nanos(it.Created), nanos(it.NotBefore), nanos(it.NotBefore),
			it.Attempts, it.LastError)
		if err != nil {
			return fmt.Errorf("outbox %s: %w", it.ID, err)
		}
	}
	return nil
}

// ClaimOutbox returns up to limit items visible at now, in Seq order, and
// hides them until now+lease.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]storage.OutboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []storage.OutboxItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, id, recipient, payload, created, not_before, attempts, last_error
			FROM outbox WHERE visible_at <= ? ORDER BY seq LIMIT ?`, now.UnixNano(), limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var (
				it                 storage.OutboxItem
				created, notBefore int64
			)
			if err := rows.Scan(&it.Seq, &it.ID, &it.Recipient, &it.Payload, &created, &notBefore,
				&it.Attempts, &it.LastError); err != nil {
				return err
			}
			it.Created, it.NotBefore = fromNanos(created), fromNanos(notBefore)
			out = append(out, it)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			return nil
		}
		args := []any{now.Add(lease).UnixNano()}
		for _, it := range out {
			args = append(args, it.Seq)
		}
		_, err = tx.ExecContext(ctx, "UPDATE outbox SET visible_at = ? WHERE seq IN (?"+
			strings.Repeat(", ?", len(out)-1)+")", args...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: claim outbox: %w", err)
	}
	return out, nil
}

// AckOutbox removes a delivered item; an unknown id is not an error.
func (s *Store) AckOutbox(ctx context.Context, id string) error {
	if _, err := s.exec(ctx, "DELETE FROM outbox WHERE id = ?", id); err != nil {
		return fmt.Errorf("sqlitestore: ack outbox %s: %w", id, err)
	}
	return nil
}

// RetryOutbox records a failed attempt and hides the item until notBefore.
func (s *Store) RetryOutbox(ctx context.Context, id string, notBefore time.Time, lastErr string) error {
	res, err := s.exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?,
		not_before = ?, visible_at = ? WHERE id = ?`, lastErr, nanos(notBefore), nanos(notBefore), id)
	if err != nil {
		return fmt.Errorf("sqlitestore: retry outbox %s: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("sqlitestore: retry outbox %s: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("sqlitestore: retry outbox %s: %w", id, storage.ErrNotFound)
	}
	return nil
}

// PendingOutbox counts the items not yet delivered.
func (s *Store) PendingOutbox(ctx context.Context) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM outbox").Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlitestore: pending outbox: %w", err)
	}
	return n, nil
}
