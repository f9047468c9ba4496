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
	var cur int64
	err := txQueryRow(ctx, tx, s.ws.dialogVersion, d.Person, now.UnixNano()).Scan(&cur)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("dialog %s: %w", d.Person, err)
	}
	if cur != w.Expect {
		return fmt.Errorf("dialog %s: version %d, expected %d: %w", d.Person, cur, w.Expect, storage.ErrConflict)
	}
	if w.Delete {
		if _, err := txExec(ctx, tx, s.ws.dialogDelete, d.Person); err != nil {
			return fmt.Errorf("dialog %s: %w", d.Person, err)
		}
		return nil
	}
	data := d.Data
	if data == nil {
		data = []byte{}
	}
	_, err = txExec(ctx, tx, s.ws.dialogPut, d.Person, w.Expect+1, data, nanos(d.Updated), expiresAt(now, w.TTL))
	if err != nil {
		return fmt.Errorf("dialog %s: %w", d.Person, err)
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
