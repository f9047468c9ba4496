package redistest

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Cluster is a Redis Cluster of three masters without replicas on
// loopback, each a redis-server process of its own, joined by
// `redis-cli --cluster create`.
type Cluster struct {
	Nodes []*Server
}

// StartCluster starts the cluster and returns once every node serves all
// 16384 slots. It ignores REDIS_URL: a cluster needs servers started in
// cluster mode. Everything stops at tb.Cleanup.
func StartCluster(tb testing.TB) *Cluster {
	tb.Helper()
	if _, err := exec.LookPath("redis-cli"); err != nil {
		tb.Fatalf("redistest: redis-cli not found: install it with `apt-get install redis-tools` (Debian/Ubuntu)")
	}
	c := &Cluster{}
	tb.Cleanup(func() {
		for _, s := range c.Nodes {
			if err := s.Close(); err != nil {
				tb.Errorf("redistest: %v", err)
			}
		}
	})
	args := []string{"--cluster", "create"}
	for range 3 {
		s, err := launchLocal("", "", "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
			"--cluster-node-timeout", "2000")
		if err != nil {
			tb.Fatalf("redistest: cluster node: %v", err)
		}
		c.Nodes = append(c.Nodes, s)
		args = append(args, s.Addr)
	}
	out, err := exec.Command("redis-cli", append(args, "--cluster-replicas", "0", "--cluster-yes")...).CombinedOutput()
	if err != nil {
		tb.Fatalf("redistest: redis-cli --cluster create: %v\n%s", err, out)
	}
	c.wait(tb)
	return c
}

// URL returns the cluster's redis+cluster:// URL, naming every node.
func (c *Cluster) URL() string {
	u := "redis+cluster://" + c.Nodes[0].Addr
	for i, s := range c.Nodes[1:] {
		sep := "&"
		if i == 0 {
			sep = "?"
		}
		u += sep + "addr=" + s.Addr
	}
	return u
}

// Client returns a cluster client, closed at tb.Cleanup.
func (c *Cluster) Client(tb testing.TB) *redis.ClusterClient {
	tb.Helper()
	o, err := redis.ParseClusterURL(strings.Replace(c.URL(), "redis+cluster://", "redis://", 1))
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	cc := redis.NewClusterClient(o)
	tb.Cleanup(func() { cc.Close() })
	return cc
}

// Prefix returns a key prefix unique to this call and deletes its keys at
// tb.Cleanup, like Server.Prefix; the keys of a prefix share one slot.
func (c *Cluster) Prefix(tb testing.TB) string {
	tb.Helper()
	cc := c.Client(tb)
	return cleanPrefix(tb, func(ctx context.Context, p string) (*redis.Client, error) {
		return cc.MasterForKey(ctx, "{"+p+"}:")
	})
}

// Restart stops every node and starts them again on the same ports and
// directories (data and cluster configuration are kept), and returns once
// the cluster serves all its slots again.
func (c *Cluster) Restart(tb testing.TB) {
	tb.Helper()
	for _, s := range c.Nodes {
		if err := s.stop(); err != nil {
			tb.Fatalf("redistest: cluster restart: %v", err)
		}
	}
	for _, s := range c.Nodes {
		s.Restart(tb)
	}
	c.wait(tb)
}

// wait waits until every node reports the cluster ok with all slots
// assigned and the three nodes known.
func (c *Cluster) wait(tb testing.TB) {
	tb.Helper()
	for _, s := range c.Nodes {
		cl := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
		err := waitFor(deployTimeout, func() error {
			info, err := cl.ClusterInfo(context.Background()).Result()
			if err != nil {
				return err
			}
			for _, want := range []string{"cluster_state:ok", "cluster_slots_ok:16384", "cluster_known_nodes:3"} {
				if !strings.Contains(info, want+"\r\n") {
					return errors.New(info)
				}
			}
			return nil
		})
		cl.Close()
		if err != nil {
			tb.Fatalf("redistest: cluster node %s: %v", s.Addr, err)
		}
	}
}
