package leaktest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"

	_ "modernc.org/sqlite" // the driver the store uses
)

// SQLite fails the test if secret is stored in the SQLite store at path.
func SQLite(tb testing.TB, path, secret string) {
	tb.Helper()
	found, err := FindSQLite(tb.Context(), path, secret)
	report(tb, path, found, err)
}

// FindSQLite looks for secret in the store at path: in every row of every
// table (a value spread over overflow pages too), and in the bytes of the
// database file and its companions -wal, -shm and -journal (a deleted
// row may linger there). It returns "TABLE row N column C" and file names.
func FindSQLite(ctx context.Context, path, secret string) ([]string, error) {
	m, err := newMatcher(secret)
	if err != nil {
		return nil, err
	}
	var found []string
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		b, err := os.ReadFile(path + suffix)
		if errors.Is(err, fs.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return found, err
		}
		if m.in(b) {
			found = append(found, "the file "+path+suffix)
		}
	}
	rows, err := findInTables(ctx, path, m)
	return append(found, rows...), err
}

func findInTables(ctx context.Context, path string, m matcher) ([]string, error) {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	db, err := sql.Open("sqlite", "file:"+esc+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var tables []string
	rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table'")
	if err != nil {
		return nil, fmt.Errorf("tables: %w", err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return nil, err
		}
		tables = append(tables, name)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("tables: %w", err)
	}
	var found []string
	for _, t := range tables {
		f, err := findInTable(ctx, db, m, t)
		if err != nil {
			return found, fmt.Errorf("table %s: %w", t, err)
		}
		found = append(found, f...)
	}
	return found, nil
}

func findInTable(ctx context.Context, db *sql.DB, m matcher, table string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT * FROM "`+strings.ReplaceAll(table, `"`, `""`)+`"`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var found []string
	for n := 1; rows.Next(); n++ {
		if err := rows.Scan(ptrs...); err != nil {
			return found, err
		}
		for i, v := range vals {
			var b []byte
			switch x := v.(type) {
			case []byte:
				b = x
			case string:
				b = []byte(x)
			}
			if m.in(b) {
				found = append(found, fmt.Sprintf("%s row %d column %s", table, n, cols[i]))
			}
		}
	}
	return found, rows.Err()
}
