package redisstore

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// The bitácora's time index, kept by commit.lua beside the list:
//
//	log:t    sorted set of the positions in log (0 the first entry), by
//	         the entry's time (µs)
//	log:tv   set once every entry is in log:t; entries appended before
//	         it existed are indexed by the first Log with a period
//	         (fillLogTimes)
//
// Entries are appended about in the order of their time, but not exactly
// (an update handled late keeps the time it happened), so a period is
// looked up by time and its entries then read in append order.

// logPeriod lists the entries of a period, in append order: their
// positions from log:t, then the runs of consecutive positions with
// LRANGE in one pipeline.
func (s *Store) logPeriod(ctx context.Context, f storage.LogFilter) ([]storage.LogEntry, error) {
	if err := s.fillLogTimes(ctx); err != nil {
		return nil, fmt.Errorf("redisstore: log: %w", err)
	}
	lo, hi := "-inf", "+inf"
	if !f.From.IsZero() {
		lo = micros(f.From)
	}
	if !f.To.IsZero() {
		hi = micros(f.To)
	}
	members, err := s.c.ZRangeByScore(ctx, s.p+"log:t", &redis.ZRangeBy{Min: lo, Max: hi}).Result()
	if err != nil {
		return nil, fmt.Errorf("redisstore: log: %w", err)
	}
	pos := make([]int64, 0, len(members))
	for _, m := range members {
		n, err := strconv.ParseInt(m, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("redisstore: log: position %q: %w", m, err)
		}
		pos = append(pos, n)
	}
	slices.Sort(pos)
	pipe := s.c.Pipeline()
	var runs []*redis.StringSliceCmd
	for i := 0; i < len(pos); {
		j := i
		for j+1 < len(pos) && pos[j+1] == pos[j]+1 && j-i < logPage {
			j++
		}
		runs = append(runs, pipe.LRange(ctx, s.p+"log", pos[i], pos[j]))
		i = j + 1
	}
	if len(runs) > 0 {
		if _, err := pipe.Exec(ctx); err != nil {
			return nil, fmt.Errorf("redisstore: log: %w", err)
		}
	}
	out := []storage.LogEntry{}
	for _, run := range runs {
		var full bool
		if out, full, err = appendMatching(out, run.Val(), f); err != nil || full {
			return out, err
		}
	}
	return out, nil
}

// fillLogTimes indexes, once, the entries appended before log:t existed.
func (s *Store) fillLogTimes(ctx context.Context) error {
	if s.logTimed.Load() {
		return nil
	}
	s.listing.Lock()
	defer s.listing.Unlock()
	if s.logTimed.Load() {
		return nil
	}
	v, err := s.c.Get(ctx, s.p+"log:tv").Result()
	if err != nil && err != redis.Nil {
		return err
	}
	if v != "1" {
		for start := int64(0); ; start += logPage {
			lines, err := s.c.LRange(ctx, s.p+"log", start, start+logPage-1).Result()
			if err != nil {
				return err
			}
			zs := make([]redis.Z, 0, len(lines))
			for i, line := range lines {
				e, err := parseLogLine([]byte(line))
				if err != nil {
					return err
				}
				zs = append(zs, redis.Z{Score: float64(e.At.UnixMicro()), Member: start + int64(i)})
			}
			if len(zs) > 0 {
				if err := s.c.ZAdd(ctx, s.p+"log:t", zs...).Err(); err != nil {
					return err
				}
			}
			if len(lines) < logPage {
				break
			}
		}
		if err := s.c.Set(ctx, s.p+"log:tv", "1", 0).Err(); err != nil {
			return err
		}
	}
	s.logTimed.Store(true)
	return nil
}
