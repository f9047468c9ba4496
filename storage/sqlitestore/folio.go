package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strings"

	"ctdesk/storage"
)

// nextFolio allocates the next folio of year inside tx, so a rolled-back
// commit leaves no gap.
func (s *Store) nextFolio(ctx context.Context, tx *sql.Tx, year int) (string, error) {
	var n int64
	err := txQueryRow(ctx, tx, s.ws.nextFolio, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("folio of %d: %w", year, err)
	}
	return fmt.Sprintf("CT-%04d-%04d", year, n), nil
}

// withFolio returns c with its FolioToken replaced by folio in its log
// entries, dialog data and outbox payloads; nothing else is rewritten, and
// nothing at all without a token. The caller's slices are not touched.
func withFolio(c storage.Change, folio string) storage.Change {
	tok := c.FolioToken
	if tok == "" {
		return c
	}
	c.Log = append([]storage.LogEntry(nil), c.Log...)
	for i := range c.Log {
		e := &c.Log[i]
		e.Folio = strings.ReplaceAll(e.Folio, tok, folio)
		e.Detail = strings.ReplaceAll(e.Detail, tok, folio)
	}
	c.Dialogs = append([]storage.DialogWrite(nil), c.Dialogs...)
	for i := range c.Dialogs {
		d := &c.Dialogs[i].Dialog
		d.Data = bytes.ReplaceAll(d.Data, []byte(tok), []byte(folio))
	}
	c.Outbox = append([]storage.OutboxItem(nil), c.Outbox...)
	for i := range c.Outbox {
		o := &c.Outbox[i]
		o.Payload = bytes.ReplaceAll(o.Payload, []byte(tok), []byte(folio))
	}
	return c
}
