package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"ctdesk/storage"
)

// appendLog appends entries inside tx; SQLite assigns their Seq.
func (s *Store) appendLog(ctx context.Context, tx *sql.Tx, entries []storage.LogEntry) error {
	for _, e := range entries {
		e.Seq = 0
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("log: %w", err)
		}
		if _, err := txExec(ctx, tx, s.ws.logAppend, nanos(e.At), e.Folio, data); err != nil {
			return fmt.Errorf("log: %w", err)
		}
	}
	return nil
}

// AppendLog appends entries outside any other change.
func (s *Store) AppendLog(ctx context.Context, entries ...storage.LogEntry) error {
	err := s.write(ctx, func(tx *sql.Tx) error { return s.appendLog(ctx, tx, entries) })
	if err != nil {
		return fmt.Errorf("sqlitestore: append log: %w", err)
	}
	return nil
}

// Log lists entries matching f in the order they were appended.
func (s *Store) Log(ctx context.Context, f storage.LogFilter) ([]storage.LogEntry, error) {
	var w filter
	if f.Folio != "" {
		w.add("folio = ?", f.Folio)
	}
	w.within("at", f.From, f.To)
	q, args := w.query("SELECT seq, data FROM log", "seq", f.Limit)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: log: %w", err)
	}
	defer rows.Close()
	var out []storage.LogEntry
	for rows.Next() {
		var (
			seq  int64
			data []byte
			e    storage.LogEntry
		)
		if err := rows.Scan(&seq, &data); err != nil {
			return nil, fmt.Errorf("sqlitestore: log: %w", err)
		}
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, fmt.Errorf("sqlitestore: log entry %d: %w", seq, err)
		}
		e.Seq = seq
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlitestore: log: %w", err)
	}
	return out, nil
}
