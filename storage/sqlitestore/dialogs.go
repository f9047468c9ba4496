package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ctdesk/storage"
)

// putDialog saves or deletes w.Dialog if its live stored version (0 when
// absent or expired) equals w.Expect.
func (s *Store) putDialog(ctx context.Context, tx *sql.Tx, w storage.DialogWrite, now time.Time) error {
	d := w.Dialog
	if w.Delete {
		if err := s.checkDialog(ctx, tx, d.Person, w.Expect, now); err != nil {
			return err
		}
		if _, err := txExec(ctx, tx, s.ws.dialogDelete, d.Person); err != nil {
			return fmt.Errorf("dialog %s: %w", d.Person, err)
		}
		return nil
	}
	data := d.Data
	if data == nil {
		data = []byte{}
	}
	var (
		res sql.Result
		err error
	)
	if w.Expect == 0 {
		res, err = txExec(ctx, tx, s.ws.dialogCreate, d.Person, data, nanos(d.Updated), expiresAt(now, w.TTL), now.UnixNano())
	} else {
		res, err = txExec(ctx, tx, s.ws.dialogUpdate, data, nanos(d.Updated), expiresAt(now, w.TTL),
			d.Person, w.Expect, now.UnixNano())
	}
	if err != nil {
		return fmt.Errorf("dialog %s: %w", d.Person, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("dialog %s: %w", d.Person, err)
	}
	if n != 1 {
		if err := s.checkDialog(ctx, tx, d.Person, w.Expect, now); err != nil {
			return err
		}
		return fmt.Errorf("dialog %s: version %d not written: %w", d.Person, w.Expect, storage.ErrConflict)
	}
	return nil
}

// checkDialog returns ErrConflict unless the person's live dialog version
// (0 when absent or expired) is expect.
func (s *Store) checkDialog(ctx context.Context, tx *sql.Tx, person string, expect int64, now time.Time) error {
	var cur int64
	err := txQueryRow(ctx, tx, s.ws.dialogVersion, person, now.UnixNano()).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("dialog %s: %w", person, err)
	}
	if cur != expect {
		return fmt.Errorf("dialog %s: version %d, expected %d: %w", person, cur, expect, storage.ErrConflict)
	}
	return nil
}

// Dialog returns the person's dialog, or ErrNotFound when there is none or it expired.
func (s *Store) Dialog(ctx context.Context, person string) (storage.Dialog, error) {
	d := storage.Dialog{Person: person}
	var updated int64
	err := s.rs.dialog.QueryRowContext(ctx, person, s.now().UnixNano()).Scan(&d.Version, &d.Data, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return storage.Dialog{}, fmt.Errorf("sqlitestore: dialog %s: %w", person, storage.ErrNotFound)
	}
	if err != nil {
		return storage.Dialog{}, fmt.Errorf("sqlitestore: dialog %s: %w", person, err)
	}
	d.Updated = fromNanos(updated)
	return d, nil
}
