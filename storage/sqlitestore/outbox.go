package sqlitestore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"ctdesk/storage"
)

// enqueue stores items inside tx; an id already pending is left as it is.
func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, items []storage.OutboxItem) error {
	for _, it := range items {
		payload := it.Payload
		if payload == nil {
			payload = []byte{}
		}
		_, err := txExec(ctx, tx, s.ws.outboxPut,
			it.ID, it.Recipient, payload, nanos(it.Created), nanos(it.NotBefore), dueAt(it.NotBefore),
			it.Attempts, it.LastError)
		if err != nil {
			return fmt.Errorf("outbox %s: %w", it.ID, err)
		}
	}
	return nil
}

// dueAt is the visible_at of an item due at t: 0 (ready) for the zero
// time, else t, never below 1 so that it is not taken for ready.
func dueAt(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return max(t.UnixNano(), 1)
}

// ClaimOutbox returns up to limit items visible at now, in Seq order, and
// hides them until now+lease: it makes the items due by now ready, then
// takes the first ready ones.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]storage.OutboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	var out []storage.OutboxItem
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		if _, err := txExec(ctx, tx, s.ws.outboxDue, now.UnixNano()); err != nil {
			return err
		}
		rows, err := tx.StmtContext(ctx, s.ws.outboxClaim).QueryContext(ctx, dueAt(now.Add(lease)), limit)
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
				&it.Attempts, &it.LastError, &it.Sent); err != nil {
				return err
			}
			it.Created, it.NotBefore = fromNanos(created), fromNanos(notBefore)
			out = append(out, it)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		return rows.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: claim outbox: %w", err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	slices.SortFunc(out, func(a, b storage.OutboxItem) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}

// AckOutbox removes delivered items, all in one transaction; an unknown id
// is not an error.
func (s *Store) AckOutbox(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if _, err := txExec(ctx, tx, s.ws.outboxAck, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlitestore: ack outbox %s: %w", ids[0], err)
	}
	return nil
}

// RetryOutbox records a failed attempt and hides the item until notBefore.
func (s *Store) RetryOutbox(ctx context.Context, id string, notBefore time.Time, lastErr string) error {
	if s.w == nil {
		return fmt.Errorf("sqlitestore: retry outbox %s: %w", id, ErrReadOnly)
	}
	res, err := s.ws.outboxRetry.ExecContext(ctx, lastErr, nanos(notBefore), dueAt(notBefore), id)
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
