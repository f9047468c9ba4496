package redisstore

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

//go:embed lua/progress.lua
var progressLua string

var progressScript = redis.NewScript(progressLua)

// ProgressOutbox records how many platform calls of an item were made (the
// hash field d); storage.ErrNotFound if the id is unknown.
func (s *Store) ProgressOutbox(ctx context.Context, id string, sent int) error {
	n, err := progressScript.Run(ctx, s.c, s.route, s.p, id, sent).Int()
	if err != nil {
		return fmt.Errorf("redisstore: progress outbox %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("redisstore: progress outbox %s: %w", id, storage.ErrNotFound)
	}
	return nil
}
