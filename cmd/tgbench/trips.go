package main

import (
	"context"
	"sync/atomic"

	"github.com/redis/go-redis/v9"
)

// tripCounter is a go-redis hook that counts round trips to Redis (one per
// command, one per pipeline or transaction) and the commands sent. Besides
// the totals, it counts round trips into the counter a context carries
// (withTrips), so the round trips made while handling one update are told
// apart from the outbox dispatcher's.
type tripCounter struct {
	total    atomic.Int64
	commands atomic.Int64
}

type tripsKey struct{}

// withTrips returns a context whose Redis round trips are added to n.
func withTrips(ctx context.Context, n *atomic.Int64) context.Context {
	return context.WithValue(ctx, tripsKey{}, n)
}

func (c *tripCounter) count(ctx context.Context, commands int) {
	c.total.Add(1)
	c.commands.Add(int64(commands))
	if n, ok := ctx.Value(tripsKey{}).(*atomic.Int64); ok {
		n.Add(1)
	}
}

// DialHook leaves dialing alone: a new connection is not a command.
func (c *tripCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook counts one command.
func (c *tripCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.count(ctx, 1)
		return next(ctx, cmd)
	}
}

// ProcessPipelineHook counts a pipeline as one round trip.
func (c *tripCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.count(ctx, len(cmds))
		return next(ctx, cmds)
	}
}
