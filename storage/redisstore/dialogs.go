package redisstore

import (
	"context"
	"fmt"
	"strconv"

	"ctdesk/storage"
)

// Dialog returns the person's dialog in one HMGET, or storage.ErrNotFound
// when there is none or it expired.
func (s *Store) Dialog(ctx context.Context, person string) (storage.Dialog, error) {
	d := storage.Dialog{Person: person}
	vals, err := s.c.HMGet(ctx, s.p+"d:"+person, "v", "u", "d").Result()
	if err != nil {
		return d, fmt.Errorf("redisstore: dialog %s: %w", person, err)
	}
	v, _ := vals[0].(string)
	if v == "" {
		return d, fmt.Errorf("redisstore: dialog %s: %w", person, storage.ErrNotFound)
	}
	if d.Version, err = strconv.ParseInt(v, 10, 64); err != nil {
		return d, fmt.Errorf("redisstore: dialog %s: version %q: %w", person, v, err)
	}
	u, _ := vals[1].(string)
	if d.Updated, err = parseTime(u); err != nil {
		return d, fmt.Errorf("redisstore: dialog %s: %w", person, err)
	}
	data, _ := vals[2].(string)
	d.Data = []byte(data)
	return d, nil
}
