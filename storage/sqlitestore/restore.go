package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"

	"ctdesk/storage"
)

// wiped are the tables a restore empties: every table but schema_version.
var wiped = []string{"tickets", "log", "dialogs", "seen", "marks", "accounts", "people", "areas", "outbox",
	"files", "plan_items", "locks", "last_runs", "kv", "folio_counters"}

// restoreSQL inserts each kind of record with its own identity (folio,
// Seq, version).
var restoreSQL = map[string]string{
	"area":   "INSERT OR REPLACE INTO areas (id, data) VALUES (?, ?)",
	"plan":   "INSERT OR REPLACE INTO plan_items (id, planned, data) VALUES (?, ?, ?)",
	"folio":  "INSERT OR REPLACE INTO folio_counters (year, last) VALUES (?, ?)",
	"ticket": qTicketPut,
	"log":    "INSERT INTO log (seq, at, folio, data) VALUES (?, ?, ?, ?)",
	"outbox": `INSERT INTO outbox (seq, id, recipient, payload, created, not_before, visible_at, attempts, last_error, sent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"dialog": "INSERT OR REPLACE INTO dialogs (person, version, data, updated, expires_at) VALUES (?, ?, ?, ?, ?)",
	"job":    "INSERT OR REPLACE INTO last_runs (job, at) VALUES (?, ?)",
	"value":  "INSERT OR REPLACE INTO kv (key, value, expires_at) VALUES (?, ?, ?)",
	"file":   "INSERT OR REPLACE INTO files (id, name, mime, size, created, data) VALUES (?, ?, ?, ?, ?, ?)",
}

// Restore replaces the file's content with the records in one
// transaction: a failed restore leaves the store as it was.
func (s *Store) Restore(ctx context.Context, records iter.Seq2[storage.Record, error]) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, t := range wiped {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sqlite_sequence"); err != nil {
			return err
		}
		stmts := map[string]*sql.Stmt{}
		defer func() {
			for _, st := range stmts {
				st.Close()
			}
		}()
		now := s.now().UnixNano()
		for rec, err := range records {
			if err != nil {
				return err
			}
			if err := s.restoreOne(ctx, tx, stmts, rec, now); err != nil {
				return fmt.Errorf("%s: %w", rec.Kind(), err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sqlitestore: restore: %w", err)
	}
	return nil
}

// restoreOne inserts one record inside tx.
func (s *Store) restoreOne(ctx context.Context, tx *sql.Tx, stmts map[string]*sql.Stmt, rec storage.Record, now int64) error {
	kind := rec.Kind()
	if kind == "person" {
		return s.putPerson(ctx, tx, *rec.Person)
	}
	args, err := restoreArgs(rec, now)
	if err != nil || args == nil {
		return err
	}
	st, ok := stmts[kind]
	if !ok {
		q, known := restoreSQL[kind]
		if !known {
			return fmt.Errorf("empty record: %w", storage.ErrInvalid)
		}
		if st, err = tx.PrepareContext(ctx, q); err != nil {
			return err
		}
		stmts[kind] = st
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// restoreArgs are a record's columns; nil skips an expired record.
func restoreArgs(rec storage.Record, now int64) ([]any, error) {
	switch {
	case rec.Area != nil:
		data, err := json.Marshal(rec.Area)
		return []any{rec.Area.ID, data}, err
	case rec.Plan != nil:
		data, err := json.Marshal(rec.Plan)
		return []any{rec.Plan.ID, nanos(rec.Plan.Planned), data}, err
	case rec.Folio != nil:
		return []any{rec.Folio.Year, rec.Folio.Last}, nil
	case rec.Ticket != nil:
		t := rec.Ticket
		data, err := json.Marshal(t)
		return ticketRow(t, data), err
	case rec.Log != nil:
		e := *rec.Log
		seq := e.Seq
		e.Seq = 0
		data, err := json.Marshal(e)
		return []any{seq, nanos(e.At), e.Folio, data}, err
	case rec.Outbox != nil:
		o := rec.Outbox
		payload := o.Payload
		if payload == nil {
			payload = []byte{}
		}
		return []any{o.Seq, o.ID, o.Recipient, payload, nanos(o.Created), nanos(o.NotBefore), nanos(o.NotBefore), o.Attempts, o.LastError, o.Sent}, nil
	case rec.Dialog != nil:
		d := rec.Dialog
		if exp := nanos(d.Expires); exp != 0 && exp <= now {
			return nil, nil
		}
		data := d.Data
		if data == nil {
			data = []byte{}
		}
		return []any{d.Person, d.Version, data, nanos(d.Updated), nanos(d.Expires)}, nil
	case rec.Job != nil:
		return []any{rec.Job.Job, nanos(rec.Job.LastRun)}, nil
	case rec.Value != nil:
		v := rec.Value
		if exp := nanos(v.Expires); exp != 0 && exp <= now {
			return nil, nil
		}
		val := v.Value
		if val == nil {
			val = []byte{}
		}
		return []any{v.Key, val, nanos(v.Expires)}, nil
	case rec.File != nil:
		f := rec.File
		data := f.Bytes
		if data == nil {
			data = []byte{}
		}
		return []any{f.ID, f.Name, f.MIME, f.Size, nanos(f.Created), data}, nil
	}
	return nil, fmt.Errorf("empty record: %w", storage.ErrInvalid)
}
