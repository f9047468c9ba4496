package redisstore

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// outboxMeta is the part of an item that never changes after enqueueing.
type outboxMeta struct {
	ID        string    `json:"id"`
	Recipient string    `json:"recipient"`
	Created   time.Time `json:"created"`
}

// ClaimOutbox returns up to limit visible items in Seq order and hides them
// until now+lease, in one script call whose cost does not grow with the
// items queued or in flight (lua/claim.lua).
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]storage.OutboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	if err := s.outboxLayout(ctx); err != nil {
		return nil, fmt.Errorf("redisstore: claim outbox: %w", err)
	}
	// Through evalWaited like a commit: under Sentinel with MinReplicas the
	// claim goes to the master and its leases are on the replicas before the
	// items are sent, so a failover does not hand them out a second time.
	raw, _, err := s.evalWaited(ctx, claimScript, []any{s.p, micros(now), micros(now.Add(lease)), limit})
	if err != nil {
		return nil, fmt.Errorf("redisstore: claim outbox: %w", err)
	}
	out := make([]storage.OutboxItem, 0, len(raw)/outboxFields)
	for i := 0; i+outboxFields <= len(raw); i += outboxFields {
		it, err := outboxFromHash(raw[i : i+outboxFields])
		if err != nil {
			return nil, fmt.Errorf("redisstore: claim outbox: %w", err)
		}
		out = append(out, it)
	}
	return out, nil
}

// AckOutbox removes delivered items, however many, in one round trip; an
// unknown id is not an error. The three commands need not be atomic: an id
// left in an index without its item is dropped by the next claim.
func (s *Store) AckOutbox(ctx context.Context, ids ...string) error {
	if len(ids) == 0 {
		return nil
	}
	keys := make([]string, len(ids))
	members := make([]any, len(ids))
	for i, id := range ids {
		keys[i], members[i] = s.p+"ob:i:"+id, id
	}
	_, err := s.c.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, keys...)
		p.ZRem(ctx, s.p+"ob:w", members...)
		p.ZRem(ctx, s.p+"ob:r", members...)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisstore: ack outbox %s: %w", ids[0], err)
	}
	return nil
}

// RetryOutbox records a failed attempt and hides the item until notBefore;
// storage.ErrNotFound if the id is unknown.
func (s *Store) RetryOutbox(ctx context.Context, id string, notBefore time.Time, lastErr string) error {
	n, err := retryScript.Run(ctx, s.c, s.route, s.p, id, micros(notBefore), formatTime(notBefore), lastErr).Int()
	if err != nil {
		return fmt.Errorf("redisstore: retry outbox %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("redisstore: retry outbox %s: %w", id, storage.ErrNotFound)
	}
	return nil
}

// PendingOutbox counts the items not yet delivered: those ready and those
// waiting (in flight, retried or not due yet).
func (s *Store) PendingOutbox(ctx context.Context) (int, error) {
	if err := s.outboxLayout(ctx); err != nil {
		return 0, fmt.Errorf("redisstore: pending outbox: %w", err)
	}
	var ready, waiting *redis.IntCmd
	_, err := s.c.Pipelined(ctx, func(p redis.Pipeliner) error {
		ready, waiting = p.ZCard(ctx, s.p+"ob:r"), p.ZCard(ctx, s.p+"ob:w")
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("redisstore: pending outbox: %w", err)
	}
	return int(ready.Val() + waiting.Val()), nil
}

// outboxLayout moves, once per Store, an outbox kept in the former layout
// (ob:q, ob:v) to the current one (ob:r, ob:w).
func (s *Store) outboxLayout(ctx context.Context) error {
	if s.outboxMoved.Load() {
		return nil
	}
	if err := outboxLayoutScript.Run(ctx, s.c, s.route, s.p).Err(); err != nil {
		return fmt.Errorf("move the outbox to its current layout: %w", err)
	}
	s.outboxMoved.Store(true)
	return nil
}
