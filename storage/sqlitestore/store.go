// Package sqlitestore keeps ctdesk's records in one embedded SQLite file
// (modernc.org/sqlite, WAL mode). A second process may read the file with
// OpenReadOnly while the service writes it.
package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"ctdesk/storage"
)

var _ storage.Store = (*Store)(nil)

// ErrReadOnly is returned by every write to a store opened with OpenReadOnly.
var ErrReadOnly = errors.New("read-only store")

// cleanupEvery is how many commits pass between deletions of expired rows.
const cleanupEvery = 1000

// Store is a storage.Store over one SQLite file.
type Store struct {
	path string
	w    *sql.DB // the one writer connection; nil when read-only
	r    *sql.DB // readers
	now  func() time.Time

	ws    writeStmts // zero when read-only
	rs    readStmts
	stmts []*sql.Stmt // all of the above, to close

	commits atomic.Int64
}

// Option configures a Store.
type Option func(*Store)

// WithClock sets the clock used for expiry; time.Now by default.
func WithClock(now func() time.Time) Option {
	return func(s *Store) { s.now = now }
}

// Open opens (creating if needed) the store file at path and migrates it.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	var err error
	s.w, err = sql.Open("sqlite", dsn(path,
		"_pragma=busy_timeout(5000)", "_pragma=journal_mode(WAL)", "_pragma=synchronous(NORMAL)",
		"_pragma=foreign_keys(1)", "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	// One writer connection: writers queue in database/sql instead of
	// contending for SQLite's write lock.
	s.w.SetMaxOpenConns(1)
	if err := migrate(ctx, s.w); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	if err := s.fillListing(ctx); err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	s.r, err = sql.Open("sqlite", dsn(path,
		"_pragma=busy_timeout(5000)", "_pragma=query_only(1)", "_pragma=foreign_keys(1)"))
	if err != nil {
		s.w.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	s.r.SetMaxOpenConns(8)
	if err := errors.Join(s.prepareWrites(ctx), s.prepareReads(ctx)); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlitestore: open %s: %w", path, err)
	}
	s.cleanup(ctx)
	return s, nil
}

// OpenReadOnly opens an existing store file for reading, beside a process
// that may be writing it. Every write returns ErrReadOnly.
func OpenReadOnly(ctx context.Context, path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	var err error
	s.r, err = sql.Open("sqlite", dsn(path, "mode=ro", "_pragma=busy_timeout(5000)", "_pragma=query_only(1)"))
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: open %s read-only: %w", path, err)
	}
	if err := s.Ping(ctx); err != nil {
		s.r.Close()
		return nil, fmt.Errorf("sqlitestore: open %s read-only: %w", path, err)
	}
	if err := s.prepareReads(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlitestore: open %s read-only: %w", path, err)
	}
	return s, nil
}

// dsn builds a SQLite URI for path; the characters that end or escape a
// URI path are percent-encoded.
func dsn(path string, params ...string) string {
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + esc + "?" + strings.Join(params, "&")
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// Ping checks that the file can be read.
func (s *Store) Ping(ctx context.Context) error {
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM schema_version").Scan(&n); err != nil {
		return fmt.Errorf("sqlitestore: ping: %w", err)
	}
	return nil
}

// Close closes the store; closing it again is harmless.
func (s *Store) Close() error {
	errs := []error{s.closeStmts()}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlitestore: close: %w", err)
	}
	return nil
}

// write runs fn in one immediate transaction on the writer connection.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if s.w == nil {
		return ErrReadOnly
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// exec runs one statement on the writer connection.
func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.w == nil {
		return nil, ErrReadOnly
	}
	return s.w.ExecContext(ctx, query, args...)
}

// cleanup deletes expired rows; they are already invisible to reads, so a
// failure only leaves them for the next round.
func (s *Store) cleanup(ctx context.Context) {
	if s.w == nil {
		return
	}
	now := s.now().UnixNano()
	for _, table := range []string{"dialogs", "seen", "marks", "kv", "locks"} {
		s.w.ExecContext(ctx, "DELETE FROM "+table+" WHERE expires_at != 0 AND expires_at <= ?", now)
	}
}
