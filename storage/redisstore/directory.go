package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"ctdesk/storage"
)

func accountKey(platform, account string) string { return platform + ":" + account }

// Person returns the person with the id, or storage.ErrNotFound.
func (s *Store) Person(ctx context.Context, id string) (storage.Person, error) {
	var p storage.Person
	b, err := s.c.HGet(ctx, s.p+"p", id).Bytes()
	if err != nil {
		return p, fmt.Errorf("redisstore: person %s: %w", id, notFound(err))
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return p, fmt.Errorf("redisstore: person %s: %w", id, err)
	}
	return p, nil
}

// PersonByAccount finds the person linked to an account in one script call,
// or returns storage.ErrNotFound.
func (s *Store) PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error) {
	var p storage.Person
	key := accountKey(platform, account)
	b, err := accountScript.Run(ctx, s.c, s.route, s.p, key).Text()
	if err != nil {
		return p, fmt.Errorf("redisstore: person by account %s: %w", key, notFound(err))
	}
	if err := json.Unmarshal([]byte(b), &p); err != nil {
		return p, fmt.Errorf("redisstore: person by account %s: %w", key, err)
	}
	return p, nil
}

// People lists everyone, sorted by id.
func (s *Store) People(ctx context.Context) ([]storage.Person, error) {
	vals, err := s.c.HVals(ctx, s.p+"p").Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: people: %w", err)
	}
	out := make([]storage.Person, len(vals))
	for i, v := range vals {
		if err := json.Unmarshal([]byte(v), &out[i]); err != nil {
			return nil, fmt.Errorf("redisstore: people: %w", err)
		}
	}
	slices.SortFunc(out, func(a, b storage.Person) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// PutPerson creates or replaces a person and its account links.
func (s *Store) PutPerson(ctx context.Context, p storage.Person) error {
	if _, err := s.Commit(ctx, storage.Change{People: []storage.Person{p}}); err != nil {
		return fmt.Errorf("redisstore: put person %s: %w", p.ID, err)
	}
	return nil
}

// Areas lists the areas, sorted by id.
func (s *Store) Areas(ctx context.Context) ([]storage.Area, error) {
	vals, err := s.c.HVals(ctx, s.p+"areas").Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: areas: %w", err)
	}
	out := make([]storage.Area, len(vals))
	for i, v := range vals {
		if err := json.Unmarshal([]byte(v), &out[i]); err != nil {
			return nil, fmt.Errorf("redisstore: areas: %w", err)
		}
	}
	slices.SortFunc(out, func(a, b storage.Area) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// PutArea creates or replaces an area.
func (s *Store) PutArea(ctx context.Context, a storage.Area) error {
	if a.ID == "" {
		return fmt.Errorf("redisstore: put area: empty id: %w", storage.ErrInvalid)
	}
	js, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("redisstore: put area %s: %w", a.ID, err)
	}
	if err := s.c.HSet(ctx, s.p+"areas", a.ID, js).Err(); err != nil {
		return fmt.Errorf("redisstore: put area %s: %w", a.ID, err)
	}
	return nil
}
