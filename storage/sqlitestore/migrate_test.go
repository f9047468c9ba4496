package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

// TestUpgradeKeepsDialogsAndSeen opens a file written with only the first
// migration and checks that its dialogs and seen markers survive the later ones.
func TestUpgradeKeepsDialogsAndSeen(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	now := time.Now()
	live := now.Add(time.Hour).UnixNano()
	writeOld(t, path, 1,
		`INSERT INTO dialogs (person, version, data, updated, expires_at) VALUES ('p1', 3, x'7b7d', ?, ?)`, now.UnixNano(), live)
	writeOld(t, path, 1, "INSERT INTO seen (key, expires_at) VALUES ('telegram:1', ?)", live)

	s, err := Open(ctx, path, WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	d, err := s.Dialog(ctx, "p1")
	if err != nil || d.Version != 3 || string(d.Data) != "{}" {
		t.Fatalf("Dialog after upgrade = %+v, %v; want version 3, data {}", d, err)
	}
	if ok, err := s.MarkSeen(ctx, "telegram:1", time.Hour); ok || err != nil {
		t.Fatalf("MarkSeen of a key seen before the upgrade = %v, %v; want false", ok, err)
	}
	_, err = s.Commit(ctx, storage.Change{Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "p1"}, Expect: 2}}})
	if !errors.Is(err, storage.ErrConflict) {
		t.Fatalf("Commit with a stale version: %v; want ErrConflict", err)
	}
	if _, err := s.Commit(ctx, storage.Change{Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "p1"}, Expect: 3}}}); err != nil {
		t.Fatalf("Commit with the current version: %v", err)
	}
	if d, err := s.Dialog(ctx, "p1"); err != nil || d.Version != 4 {
		t.Fatalf("Dialog after commit = %+v, %v; want version 4", d, err)
	}
}

// TestUpgradeKeepsOutbox opens a file written before outbox items counted
// their platform calls: a pending item is delivered from its first call.
func TestUpgradeKeepsOutbox(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	now := time.Now()
	writeOld(t, path, 2, `INSERT INTO outbox (id, recipient, payload, created, not_before, visible_at, attempts, last_error)
		VALUES ('m1', 'rosa', x'7b7d', ?, 0, 0, 1, '429')`, now.UnixNano())
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	items, err := s.ClaimOutbox(ctx, now, time.Minute, 10)
	if err != nil || len(items) != 1 || items[0].ID != "m1" || items[0].Sent != 0 || items[0].Attempts != 1 {
		t.Fatalf("ClaimOutbox after upgrade = %+v, %v; want m1 with Sent 0 and Attempts 1", items, err)
	}
	if err := s.ProgressOutbox(ctx, "m1", 2); err != nil {
		t.Fatalf("ProgressOutbox after upgrade: %v", err)
	}
}

// writeOld runs q on the file at path as the given number of migrations
// left it, applying those migrations first if the file is new.
func writeOld(t *testing.T, path string, version int, q string, args ...any) {
	t.Helper()
	ctx := t.Context()
	old, err := sql.Open("sqlite", dsn(path, "_pragma=journal_mode(WAL)"))
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	var tables int
	if err := old.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		names, err := fs.Glob(migrations, "migrations/*.sql")
		if err != nil || len(names) < version {
			t.Fatalf("migrations %v, %v; want at least %d", names, err, version)
		}
		slices.Sort(names)
		stmts := []string{"CREATE TABLE schema_version (version INTEGER NOT NULL)"}
		for i, name := range names[:version] {
			body, err := migrations.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			stmts = append(stmts, string(body), fmt.Sprintf("INSERT INTO schema_version (version) VALUES (%d)", i+1))
		}
		for _, s := range stmts {
			if _, err := old.ExecContext(ctx, s); err != nil {
				t.Fatalf("%s: %v", s, err)
			}
		}
	}
	if _, err := old.ExecContext(ctx, q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
