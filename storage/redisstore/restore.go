package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// fileBatch is how many bytes of files a restore sends per round trip.
const fileBatch = 8 << 20

// Restore deletes every key under the store's prefix, then writes the
// files in batches and every other record in one MULTI/EXEC transaction,
// mirroring the layout commit.lua keeps. It is not atomic as a whole: if
// it stops halfway, run it again.
func (s *Store) Restore(ctx context.Context, records iter.Seq2[storage.Record, error]) error {
	if err := s.wipe(ctx); err != nil {
		return fmt.Errorf("redisstore: restore: %w", err)
	}
	tx := s.c.TxPipeline()
	files := s.c.Pipeline()
	var pending int
	var maxLog, maxOutbox, logs int64
	now := time.Now()
	for rec, err := range records {
		if err != nil {
			return fmt.Errorf("redisstore: restore: %w", err)
		}
		if f := rec.File; f != nil {
			meta, err := json.Marshal(&f.File)
			if err != nil {
				return fmt.Errorf("redisstore: restore: file %s: %w", f.ID, err)
			}
			files.HSet(ctx, s.p+"f:"+f.ID, "m", meta, "d", nonNil(f.Bytes))
			if pending += len(f.Bytes); pending >= fileBatch {
				if _, err := files.Exec(ctx); err != nil {
					return fmt.Errorf("redisstore: restore: files: %w", err)
				}
				pending = 0
			}
			continue
		}
		if err := s.queueRecord(ctx, tx, rec, now, &maxLog, &maxOutbox, &logs); err != nil {
			return fmt.Errorf("redisstore: restore: %s: %w", rec.Kind(), err)
		}
	}
	if _, err := files.Exec(ctx); err != nil && err != redis.Nil {
		return fmt.Errorf("redisstore: restore: files: %w", err)
	}
	tx.Set(ctx, s.p+"ixv", listingVersion, 0)
	tx.Set(ctx, s.p+"log:tv", "1", 0)
	tx.Set(ctx, s.p+"log:seq", maxLog, 0)
	tx.Set(ctx, s.p+"ob:seq", maxOutbox, 0)
	if _, err := tx.Exec(ctx); err != nil {
		return fmt.Errorf("redisstore: restore: %w", err)
	}
	return nil
}

// queueRecord adds the writes of one record to the transaction.
func (s *Store) queueRecord(ctx context.Context, tx redis.Pipeliner, rec storage.Record, now time.Time, maxLog, maxOutbox, logs *int64) error {
	switch {
	case rec.Area != nil:
		js, err := json.Marshal(rec.Area)
		tx.HSet(ctx, s.p+"areas", rec.Area.ID, js)
		return err
	case rec.Person != nil:
		p := rec.Person
		js, err := json.Marshal(p)
		if err != nil {
			return err
		}
		accts := accountLines(p)
		tx.HSet(ctx, s.p+"p", p.ID, js)
		tx.HSet(ctx, s.p+"pacc", p.ID, accts)
		for platform, account := range p.Accounts {
			if account != "" {
				tx.HSet(ctx, s.p+"pa", accountKey(platform, account), p.ID)
			}
		}
	case rec.Plan != nil:
		js, err := json.Marshal(rec.Plan)
		tx.HSet(ctx, s.p+"plan", rec.Plan.ID, js)
		tx.ZAdd(ctx, s.p+"plan:t", redis.Z{Score: float64(rec.Plan.Planned.UnixMicro()), Member: rec.Plan.ID})
		return err
	case rec.Folio != nil:
		tx.Set(ctx, fmt.Sprintf("%sfolio:%04d", s.p, rec.Folio.Year), rec.Folio.Last, 0)
	case rec.Ticket != nil:
		return s.queueTicket(ctx, tx, rec.Ticket)
	case rec.Log != nil:
		e := *rec.Log
		seq := e.Seq
		e.Seq = 0
		js, err := json.Marshal(&e)
		line := strconv.FormatInt(seq, 10) + " " + string(js)
		tx.RPush(ctx, s.p+"log", line)
		tx.ZAdd(ctx, s.p+"log:t", redis.Z{Score: float64(e.At.UnixMicro()), Member: *logs})
		*logs++
		if e.Folio != "" {
			tx.RPush(ctx, s.p+"log:f:"+e.Folio, line)
		}
		*maxLog = max(*maxLog, seq)
		return err
	case rec.Outbox != nil:
		*maxOutbox = max(*maxOutbox, rec.Outbox.Seq)
		return s.queueOutbox(ctx, tx, rec.Outbox)
	default:
		return s.queueVolatile(ctx, tx, rec, now)
	}
	return nil
}

// queueTicket writes a ticket with its indexes, as commit.lua does.
func (s *Store) queueTicket(ctx context.Context, tx redis.Pipeliner, t *storage.Ticket) error {
	js, err := json.Marshal(t)
	if err != nil {
		return err
	}
	key := s.p + "t:" + t.Folio
	tx.HSet(ctx, key, "json", js, "v", strconv.FormatInt(t.Version, 10),
		"st", t.Status, "rq", t.Requester, "as", t.Assignee, "sv", t.Service, "ar", t.Area)
	for _, ix := range [...]struct{ name, val string }{
		{"st", t.Status}, {"rq", t.Requester}, {"as", t.Assignee}, {"sv", t.Service}, {"ar", t.Area},
	} {
		if ix.val != "" {
			tx.SAdd(ctx, s.p+"ix:"+ix.name+":"+ix.val, t.Folio)
		}
	}
	tx.ZAdd(ctx, s.p+"tc", redis.Z{Score: float64(t.Created.UnixMicro()), Member: t.Folio})
	s.queueListing(ctx, tx, t.Folio, t.Assignee, listingOf(t))
	return nil
}

// queueOutbox writes a pending message as commit.lua and retry.lua keep it.
func (s *Store) queueOutbox(ctx context.Context, tx redis.Pipeliner, it *storage.OutboxItem) error {
	meta, err := json.Marshal(outboxMeta{ID: it.ID, Recipient: it.Recipient, Created: it.Created})
	if err != nil {
		return err
	}
	// Every item waits in ob:w until it is due; the next claim moves those
	// due to ob:r (see lua/claim.lua).
	due := "0"
	if !it.NotBefore.IsZero() {
		due = micros(it.NotBefore)
	}
	tx.HSet(ctx, s.p+"ob:i:"+it.ID, "m", meta, "p", nonNil(it.Payload), "s", it.Seq, "a", it.Attempts,
		"e", it.LastError, "n", formatTime(it.NotBefore), "d", it.Sent)
	tx.Do(ctx, "ZADD", s.p+"ob:w", due, it.ID)
	return nil
}

// queueVolatile writes dialogs, job runs and values; expired ones are dropped.
func (s *Store) queueVolatile(ctx context.Context, tx redis.Pipeliner, rec storage.Record, now time.Time) error {
	switch {
	case rec.Dialog != nil:
		d := rec.Dialog
		ttl := d.Expires.Sub(now)
		if d.Expires.IsZero() {
			ttl = s.dialogTTL
		}
		if ttl <= 0 {
			return nil
		}
		key := s.p + "d:" + d.Person
		tx.HSet(ctx, key, "v", strconv.FormatInt(d.Version, 10), "u", formatTime(d.Updated), "d", nonNil(d.Data))
		tx.PExpire(ctx, key, ttl)
	case rec.Job != nil:
		tx.HSet(ctx, s.p+"jobs", rec.Job.Job, rec.Job.LastRun.Format(time.RFC3339Nano))
	case rec.Value != nil:
		v := rec.Value
		var ttl time.Duration
		if !v.Expires.IsZero() {
			if ttl = v.Expires.Sub(now); ttl <= 0 {
				return nil
			}
		}
		tx.Set(ctx, s.p+"v:"+v.Key, nonNil(v.Value), ttl)
	default:
		return fmt.Errorf("empty record: %w", storage.ErrInvalid)
	}
	return nil
}

// wipe deletes every key under the prefix.
func (s *Store) wipe(ctx context.Context) error {
	iter := s.c.Scan(ctx, 0, matchEscape(s.p)+"*", 1000).Iterator()
	var batch []string
	for iter.Next(ctx) {
		if batch = append(batch, iter.Val()); len(batch) == 500 {
			if err := s.c.Unlink(ctx, batch...).Err(); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	if err := iter.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		return s.c.Unlink(ctx, batch...).Err()
	}
	return nil
}

// HoldsRecords reports whether the prefix holds tickets, bitácora entries,
// plan items, outbox messages, files or folio counters.
func (s *Store) HoldsRecords(ctx context.Context) (bool, error) {
	n, err := s.c.Exists(ctx, s.p+"tc", s.p+"log", s.p+"plan", s.p+"ob:r", s.p+"ob:w").Result()
	if err != nil {
		return false, fmt.Errorf("redisstore: holds records: %w", err)
	}
	if n > 0 {
		return true, nil
	}
	for _, pattern := range []string{"f:*", "folio:*"} {
		iter := s.c.Scan(ctx, 0, matchEscape(s.p)+pattern, 1000).Iterator()
		if iter.Next(ctx) {
			return true, nil
		}
		if err := iter.Err(); err != nil {
			return false, fmt.Errorf("redisstore: holds records: %w", err)
		}
	}
	return false, nil
}

func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
