package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"ctdesk/storage"
)

// putPerson creates or replaces p and the accounts that lead to it.
func (s *Store) putPerson(ctx context.Context, tx *sql.Tx, p storage.Person) error {
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("person %s: %w", p.ID, err)
	}
	if _, err := txExec(ctx, tx, s.ws.personPut, p.ID, data); err != nil {
		return fmt.Errorf("person %s: %w", p.ID, err)
	}
	if _, err := txExec(ctx, tx, s.ws.accountsDelete, p.ID); err != nil {
		return fmt.Errorf("person %s: %w", p.ID, err)
	}
	for platform, account := range p.Accounts {
		if _, err := txExec(ctx, tx, s.ws.accountPut, platform, account, p.ID); err != nil {
			return fmt.Errorf("person %s: account %s:%s: %w", p.ID, platform, account, err)
		}
	}
	return nil
}

// PutPerson creates or replaces a person.
func (s *Store) PutPerson(ctx context.Context, p storage.Person) error {
	if p.ID == "" {
		return fmt.Errorf("sqlitestore: put person: empty id: %w", storage.ErrInvalid)
	}
	if err := s.write(ctx, func(tx *sql.Tx) error { return s.putPerson(ctx, tx, p) }); err != nil {
		return fmt.Errorf("sqlitestore: put person: %w", err)
	}
	return nil
}

// Person returns the person with the id, or ErrNotFound.
func (s *Store) Person(ctx context.Context, id string) (storage.Person, error) {
	return s.person(ctx, "person "+id, s.rs.person, id)
}

// PersonByAccount finds the person linked to an account of a platform, or ErrNotFound.
func (s *Store) PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error) {
	return s.person(ctx, "person by account "+platform+":"+account, s.rs.personByAccount, platform, account)
}

func (s *Store) person(ctx context.Context, op string, st *sql.Stmt, args ...any) (storage.Person, error) {
	var data []byte
	err := st.QueryRowContext(ctx, args...).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return storage.Person{}, fmt.Errorf("sqlitestore: %s: %w", op, storage.ErrNotFound)
	}
	if err != nil {
		return storage.Person{}, fmt.Errorf("sqlitestore: %s: %w", op, err)
	}
	var p storage.Person
	if err := json.Unmarshal(data, &p); err != nil {
		return storage.Person{}, fmt.Errorf("sqlitestore: %s: %w", op, err)
	}
	return p, nil
}

// People lists everyone, sorted by id.
func (s *Store) People(ctx context.Context) ([]storage.Person, error) {
	out, err := listJSON[storage.Person](ctx, s.r, "SELECT data FROM people ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: people: %w", err)
	}
	return out, nil
}

// PutArea creates or replaces an area.
func (s *Store) PutArea(ctx context.Context, a storage.Area) error {
	if a.ID == "" {
		return fmt.Errorf("sqlitestore: put area: empty id: %w", storage.ErrInvalid)
	}
	data, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("sqlitestore: put area %s: %w", a.ID, err)
	}
	if _, err := s.exec(ctx, "INSERT OR REPLACE INTO areas (id, data) VALUES (?, ?)", a.ID, data); err != nil {
		return fmt.Errorf("sqlitestore: put area %s: %w", a.ID, err)
	}
	return nil
}

// Areas lists the areas, sorted by id.
func (s *Store) Areas(ctx context.Context) ([]storage.Area, error) {
	out, err := listJSON[storage.Area](ctx, s.r, "SELECT data FROM areas ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("sqlitestore: areas: %w", err)
	}
	return out, nil
}

// listJSON runs a query whose one column is a JSON record and decodes every row.
func listJSON[T any](ctx context.Context, db *sql.DB, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var data []byte
		if err := rows.Scan(&data); err != nil {
			return nil, err
		}
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
