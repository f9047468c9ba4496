package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
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
// until now+lease, in one script call.
func (s *Store) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]storage.OutboxItem, error) {
	if limit <= 0 {
		return nil, nil
	}
	raw, err := claimScript.Run(ctx, s.c, s.route, s.p, micros(now), micros(now.Add(lease)), limit).StringSlice()
	if err != nil {
		return nil, fmt.Errorf("redisstore: claim outbox: %w", err)
	}
	out := make([]storage.OutboxItem, 0, len(raw)/7)
	for i := 0; i+7 <= len(raw); i += 7 {
		var m outboxMeta
		if err := json.Unmarshal([]byte(raw[i]), &m); err != nil {
			return nil, fmt.Errorf("redisstore: claim outbox: %w", err)
		}
		it := storage.OutboxItem{ID: m.ID, Recipient: m.Recipient, Created: m.Created,
			Payload: []byte(raw[i+1]), LastError: raw[i+4]}
		it.Seq, _ = strconv.ParseInt(raw[i+2], 10, 64)
		it.Attempts, _ = strconv.Atoi(raw[i+3])
		it.Sent, _ = strconv.Atoi(raw[i+6])
		if it.NotBefore, err = parseTime(raw[i+5]); err != nil {
			return nil, fmt.Errorf("redisstore: claim outbox %s: %w", m.ID, err)
		}
		out = append(out, it)
	}
	return out, nil
}

// AckOutbox removes a delivered item; an unknown id is not an error.
func (s *Store) AckOutbox(ctx context.Context, id string) error {
	_, err := s.c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.p+"ob:i:"+id)
		p.ZRem(ctx, s.p+"ob:q", id)
		p.ZRem(ctx, s.p+"ob:v", id)
		return nil
	})
	if err != nil {
		return fmt.Errorf("redisstore: ack outbox %s: %w", id, err)
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

// PendingOutbox counts the items not yet delivered.
func (s *Store) PendingOutbox(ctx context.Context) (int, error) {
	n, err := s.c.ZCard(ctx, s.p+"ob:q").Result()
	if err != nil {
		return 0, fmt.Errorf("redisstore: pending outbox: %w", err)
	}
	return int(n), nil
}
