package sqlitestore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ctdesk/storage"
)

var _ storage.Backup = (*Store)(nil)

// Export writes a consistent snapshot of the file with VACUUM INTO beside
// it (it works on a read-only store, while the service writes), then emits
// every record of the snapshot and removes it.
func (s *Store) Export(ctx context.Context, emit func(storage.Record) error) error {
	snap := filepath.Join(filepath.Dir(s.path), "."+filepath.Base(s.path)+".respaldo-"+strings.ToLower(rand.Text()[:8]))
	defer os.Remove(snap)
	// The readers refuse every write (query_only), VACUUM INTO included:
	// the snapshot goes through a connection of its own, read-only on the file.
	src, err := sql.Open("sqlite", dsn(s.path, "mode=ro", "_pragma=busy_timeout(5000)"))
	if err != nil {
		return fmt.Errorf("sqlitestore: export: %w", err)
	}
	_, err = src.ExecContext(ctx, "VACUUM INTO ?", snap)
	src.Close()
	if err != nil {
		return fmt.Errorf("sqlitestore: export: snapshot: %w", err)
	}
	db, err := sql.Open("sqlite", dsn(snap, "mode=ro", "_pragma=query_only(1)"))
	if err != nil {
		return fmt.Errorf("sqlitestore: export: %w", err)
	}
	defer db.Close()
	if err := exportFrom(ctx, db, emit); err != nil {
		return fmt.Errorf("sqlitestore: export: %w", err)
	}
	return nil
}

// exportFrom emits the records of a snapshot in the order of storage.Backup.
func exportFrom(ctx context.Context, db *sql.DB, emit func(storage.Record) error) error {
	steps := []struct {
		query string
		read  func(rows *sql.Rows) (storage.Record, error)
	}{
		{"SELECT data FROM areas ORDER BY id", jsonRecord(func(a *storage.Area) storage.Record { return storage.Record{Area: a} })},
		{"SELECT data FROM people ORDER BY id", jsonRecord(func(p *storage.Person) storage.Record { return storage.Record{Person: p} })},
		{"SELECT data FROM plan_items ORDER BY planned, id", jsonRecord(func(p *storage.PlanItem) storage.Record { return storage.Record{Plan: p} })},
		{"SELECT year, last FROM folio_counters ORDER BY year", readFolio},
		{"SELECT data FROM tickets ORDER BY created, folio", jsonRecord(func(t *storage.Ticket) storage.Record { return storage.Record{Ticket: t} })},
		{"SELECT seq, data FROM log ORDER BY seq", readLog},
		{`SELECT seq, id, recipient, payload, created, not_before, attempts, last_error, sent FROM outbox ORDER BY seq`, readOutbox},
		{"SELECT person, version, data, updated, expires_at FROM dialogs ORDER BY person", readDialog},
		{"SELECT job, at FROM last_runs ORDER BY job", readJob},
		{"SELECT key, value, expires_at FROM kv ORDER BY key", readValue},
		{"SELECT id, name, mime, size, created, data FROM files ORDER BY id", readFile},
	}
	for _, st := range steps {
		if err := eachRow(ctx, db, st.query, func(rows *sql.Rows) error {
			rec, err := st.read(rows)
			if err != nil {
				return err
			}
			return emit(rec)
		}); err != nil {
			return err
		}
	}
	return nil
}

// eachRow runs fn on every row of the query.
func eachRow(ctx context.Context, db *sql.DB, query string, fn func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// jsonRecord reads a row whose one column is a record's JSON.
func jsonRecord[T any](wrap func(*T) storage.Record) func(*sql.Rows) (storage.Record, error) {
	return func(rows *sql.Rows) (storage.Record, error) {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return storage.Record{}, err
		}
		v := new(T)
		if err := json.Unmarshal(data, v); err != nil {
			return storage.Record{}, err
		}
		return wrap(v), nil
	}
}

func readFolio(rows *sql.Rows) (storage.Record, error) {
	var f storage.FolioCounter
	err := rows.Scan(&f.Year, &f.Last)
	return storage.Record{Folio: &f}, err
}

func readLog(rows *sql.Rows) (storage.Record, error) {
	var (
		seq  int64
		data []byte
		e    storage.LogEntry
	)
	if err := rows.Scan(&seq, &data); err != nil {
		return storage.Record{}, err
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return storage.Record{}, fmt.Errorf("log entry %d: %w", seq, err)
	}
	e.Seq = seq
	return storage.Record{Log: &e}, nil
}

func readOutbox(rows *sql.Rows) (storage.Record, error) {
	var (
		it                 storage.OutboxItem
		created, notBefore int64
	)
	if err := rows.Scan(&it.Seq, &it.ID, &it.Recipient, &it.Payload, &created, &notBefore, &it.Attempts, &it.LastError, &it.Sent); err != nil {
		return storage.Record{}, err
	}
	it.Created, it.NotBefore = fromNanos(created), fromNanos(notBefore)
	return storage.Record{Outbox: &it}, nil
}

func readDialog(rows *sql.Rows) (storage.Record, error) {
	var (
		d                storage.DialogCopy
		updated, expires int64
	)
	if err := rows.Scan(&d.Person, &d.Version, &d.Data, &updated, &expires); err != nil {
		return storage.Record{}, err
	}
	d.Updated, d.Expires = fromNanos(updated), fromNanos(expires)
	return storage.Record{Dialog: &d}, nil
}

func readJob(rows *sql.Rows) (storage.Record, error) {
	var (
		j  storage.JobRun
		at int64
	)
	err := rows.Scan(&j.Job, &at)
	j.LastRun = fromNanos(at)
	return storage.Record{Job: &j}, err
}

func readValue(rows *sql.Rows) (storage.Record, error) {
	var (
		v       storage.ValueCopy
		expires int64
	)
	err := rows.Scan(&v.Key, &v.Value, &expires)
	v.Expires = fromNanos(expires)
	return storage.Record{Value: &v}, err
}

func readFile(rows *sql.Rows) (storage.Record, error) {
	var (
		f       storage.FileCopy
		created int64
	)
	err := rows.Scan(&f.ID, &f.Name, &f.MIME, &f.Size, &created, &f.Bytes)
	f.Created = fromNanos(created)
	return storage.Record{File: &f}, err
}

// HoldsRecords reports whether the file holds tickets, bitácora entries,
// plan items, files, outbox messages or folio counters.
func (s *Store) HoldsRecords(ctx context.Context) (bool, error) {
	var holds bool
	err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM log)
		OR EXISTS (SELECT 1 FROM plan_items) OR EXISTS (SELECT 1 FROM files)
		OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM folio_counters)`).Scan(&holds)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("sqlitestore: holds records: %w", err)
	}
	return holds, nil
}
