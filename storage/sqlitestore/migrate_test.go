package sqlitestore

import (
	"database/sql"
	"errors"
	"path/filepath"
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
	old, err := sql.Open("sqlite", dsn(path, "_pragma=journal_mode(WAL)"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := migrations.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"CREATE TABLE schema_version (version INTEGER NOT NULL)",
		string(body),
		"INSERT INTO schema_version (version) VALUES (1)",
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	live := now.Add(time.Hour).UnixNano()
	if _, err := old.ExecContext(ctx, `INSERT INTO dialogs (person, version, data, updated, expires_at)
		VALUES ('p1', 3, x'7b7d', ?, ?)`, now.UnixNano(), live); err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, "INSERT INTO seen (key, expires_at) VALUES ('telegram:1', ?)", live); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

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
