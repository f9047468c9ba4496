package sqlitestore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"

	"ctdesk/storage"
)

// PutFile stores f and returns its id, a random one when f.ID is empty.
func (s *Store) PutFile(ctx context.Context, f storage.File) (string, error) {
	if f.ID == "" {
		f.ID = rand.Text()
	}
	data := f.Data
	if data == nil {
		data = []byte{}
	}
	_, err := s.exec(ctx, `INSERT OR REPLACE INTO files (id, name, mime, size, created, data)
		VALUES (?, ?, ?, ?, ?, ?)`, f.ID, f.Name, f.MIME, f.Size, nanos(f.Created), data)
	if err != nil {
		return "", fmt.Errorf("sqlitestore: put file %s: %w", f.ID, err)
	}
	return f.ID, nil
}

// File returns the file with the id, or ErrNotFound.
func (s *Store) File(ctx context.Context, id string) (storage.File, error) {
	f := storage.File{ID: id}
	var created int64
	err := s.r.QueryRowContext(ctx, "SELECT name, mime, size, created, data FROM files WHERE id = ?", id).
		Scan(&f.Name, &f.MIME, &f.Size, &created, &f.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return storage.File{}, fmt.Errorf("sqlitestore: file %s: %w", id, storage.ErrNotFound)
	}
	if err != nil {
		return storage.File{}, fmt.Errorf("sqlitestore: file %s: %w", id, err)
	}
	f.Created = fromNanos(created)
	return f, nil
}
