package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"

	"ctdesk/storage"
)

// PutFile stores f's metadata and bytes under one key and returns its id,
// f.ID when set or a random one.
func (s *Store) PutFile(ctx context.Context, f storage.File) (string, error) {
	if f.ID == "" {
		f.ID = rand.Text()
	}
	if f.Size == 0 {
		f.Size = int64(len(f.Data))
	}
	meta, err := json.Marshal(&f)
	if err != nil {
		return "", fmt.Errorf("redisstore: put file %s: %w", f.ID, err)
	}
	data := f.Data
	if data == nil {
		data = []byte{}
	}
	if err := s.c.HSet(ctx, s.p+"f:"+f.ID, "m", meta, "d", data).Err(); err != nil {
		return "", fmt.Errorf("redisstore: put file %s: %w", f.ID, err)
	}
	return f.ID, nil
}

// File returns the file with the id, or storage.ErrNotFound.
func (s *Store) File(ctx context.Context, id string) (storage.File, error) {
	var f storage.File
	vals, err := s.c.HMGet(ctx, s.p+"f:"+id, "m", "d").Result()
	if err != nil {
		return f, fmt.Errorf("redisstore: file %s: %w", id, err)
	}
	meta, _ := vals[0].(string)
	if meta == "" {
		return f, fmt.Errorf("redisstore: file %s: %w", id, storage.ErrNotFound)
	}
	if err := json.Unmarshal([]byte(meta), &f); err != nil {
		return f, fmt.Errorf("redisstore: file %s: %w", id, err)
	}
	data, _ := vals[1].(string)
	f.Data = []byte(data)
	return f, nil
}
