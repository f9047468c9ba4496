package redisstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// ErrNotReplicated: a commit ran on the master but fewer replicas than
// Options.MinReplicas acknowledged it within Options.ReplicaTimeout. The
// change is not acknowledged: a failover may or may not keep it.
var ErrNotReplicated = errors.New("not acknowledged by enough replicas")

// defaultReplicaTimeout bounds the WAIT after a commit when
// Options.ReplicaTimeout is not set.
const defaultReplicaTimeout = time.Second

// evalWaited runs script on the store's routing key with args and, when
// the store requires replicas, WAIT behind it on the same connection (WAIT
// counts the replicas that hold every write up to that connection's last),
// in one round trip. It returns the script's reply and how many replicas
// acknowledged. Any script that writes can go through it: replicas that
// acknowledge it hold every earlier change too.
func (s *Store) evalWaited(ctx context.Context, script *redis.Script, args []any) ([]string, int64, error) {
	if s.minReplicas == 0 {
		res, err := script.Run(ctx, s.c, s.route, args...).StringSlice()
		return res, 0, err
	}
	node, err := s.master(ctx)
	if err != nil {
		return nil, 0, err
	}
	res, acked, err := s.pipeWait(ctx, node, func(p redis.Pipeliner) *redis.Cmd {
		return script.EvalSha(ctx, p, s.route, args...)
	})
	if err != nil && redis.HasErrorPrefix(err, "NOSCRIPT") { // a new master, say, after a failover
		res, acked, err = s.pipeWait(ctx, node, func(p redis.Pipeliner) *redis.Cmd {
			return script.Eval(ctx, p, s.route, args...)
		})
	}
	return res, acked, err
}

// pipeWait sends eval's command and WAIT in one pipeline. A WAIT that
// outlived the client's read timeout would be retried by go-redis with
// the script in front of it, so the wait is kept under half that timeout.
func (s *Store) pipeWait(ctx context.Context, node *redis.Client, eval func(redis.Pipeliner) *redis.Cmd) ([]string, int64, error) {
	timeout := s.replicaTimeout
	if rt := node.Options().ReadTimeout; rt > 0 && timeout > rt/2 {
		timeout = rt / 2
	}
	var ev *redis.Cmd
	var wait *redis.Cmd
	_, _ = node.Pipelined(ctx, func(p redis.Pipeliner) error {
		ev = eval(p)
		wait = p.Do(ctx, "WAIT", s.minReplicas, max(timeout.Milliseconds(), 1))
		return nil
	})
	res, err := ev.StringSlice()
	if err != nil {
		return nil, 0, err
	}
	acked, err := wait.Int64()
	if err != nil {
		return nil, 0, fmt.Errorf("wait for replicas: %w", err)
	}
	return res, acked, nil
}

// master returns the client of the node that holds the store's slot: the
// client itself for a single node or Sentinel, the slot's master in a
// Cluster.
func (s *Store) master(ctx context.Context) (*redis.Client, error) {
	switch c := s.c.(type) {
	case *redis.Client:
		return c, nil
	case *redis.ClusterClient:
		return c.MasterForKey(ctx, s.route[0])
	}
	return nil, fmt.Errorf("min_replicas: unsupported client %T", s.c)
}

// checkReplicas reports ErrNotReplicated when fewer than MinReplicas
// replicas acknowledged a commit.
func (s *Store) checkReplicas(acked int64) error {
	if acked >= int64(s.minReplicas) {
		return nil
	}
	return fmt.Errorf("redisstore: commit: %d of %d replicas within %v: %w",
		acked, s.minReplicas, s.replicaTimeout, ErrNotReplicated)
}
