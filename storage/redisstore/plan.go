package redisstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// PutPlanItems creates or replaces items by id, in one transaction.
func (s *Store) PutPlanItems(ctx context.Context, items ...storage.PlanItem) error {
	if len(items) == 0 {
		return nil
	}
	vals := make([]any, 0, 2*len(items))
	zs := make([]redis.Z, 0, len(items))
	for _, it := range items {
		if it.ID == "" {
			return fmt.Errorf("redisstore: put plan items: empty id: %w", storage.ErrInvalid)
		}
		js, err := json.Marshal(&it)
		if err != nil {
			return fmt.Errorf("redisstore: put plan item %s: %w", it.ID, err)
		}
		vals = append(vals, it.ID, js)
		zs = append(zs, redis.Z{Score: float64(it.Planned.UnixMicro()), Member: it.ID})
	}
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, s.p+"plan", vals...)
		p.ZAdd(ctx, s.p+"plan:t", zs...)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisstore: put plan items: %w", err)
	}
	return nil
}

// PlanItems lists items whose Planned day is in [from, to), by date then id;
// zero bounds are open.
func (s *Store) PlanItems(ctx context.Context, from, to time.Time) ([]storage.PlanItem, error) {
	rng := &redis.ZRangeBy{Min: "-inf", Max: "+inf"}
	if !from.IsZero() {
		rng.Min = micros(from)
	}
	if !to.IsZero() {
		rng.Max = micros(to)
	}
	ids, err := s.c.ZRangeByScore(ctx, s.p+"plan:t", rng).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: plan items: %w", err)
	}
	if len(ids) == 0 {
		return []storage.PlanItem{}, nil
	}
	vals, err := s.c.HMGet(ctx, s.p+"plan", ids...).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: plan items: %w", err)
	}
	out := make([]storage.PlanItem, 0, len(vals))
	for _, v := range vals {
		js, ok := v.(string)
		if !ok {
			continue
		}
		var it storage.PlanItem
		if err := json.Unmarshal([]byte(js), &it); err != nil {
			return nil, fmt.Errorf("redisstore: plan items: %w", err)
		}
		if (!from.IsZero() && it.Planned.Before(from)) || (!to.IsZero() && !it.Planned.Before(to)) {
			continue
		}
		out = append(out, it)
	}
	slices.SortFunc(out, func(a, b storage.PlanItem) int {
		if c := a.Planned.Compare(b.Planned); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}
