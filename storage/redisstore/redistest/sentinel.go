package redistest

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// SentinelMaster is the master name the test sentinels monitor.
const SentinelMaster = "ctdesk"

// deployTimeout bounds each wait for a deployment to settle: replicas
// online, sentinels aware of each other, a cluster's slots served.
const deployTimeout = 30 * time.Second

// Sentinel is a Redis Sentinel deployment on loopback: a master, one
// replica and three sentinels, each a redis-server process of its own.
// Sentinel timeouts are short (down after 1 s, failover timeout 3 s), so a
// killed master is replaced within seconds. Servers keeps the two data
// servers in their starting roles (master first); WatchSwitch tells which
// one leads after a failover.
type Sentinel struct {
	Servers   []*Server
	Sentinels []*Server
}

// StartSentinel starts the deployment and returns once the replica is
// online and every sentinel knows the replica and the other two sentinels.
// It ignores REDIS_URL: a failover needs processes of its own. Everything
// stops at tb.Cleanup.
func StartSentinel(tb testing.TB) *Sentinel {
	tb.Helper()
	d := &Sentinel{}
	tb.Cleanup(func() {
		for _, s := range append(d.Sentinels, d.Servers...) {
			if err := s.Close(); err != nil {
				tb.Errorf("redistest: %v", err)
			}
		}
	})
	master, err := launchLocal("", "", dataArgs...)
	if err != nil {
		tb.Fatalf("redistest: master: %v", err)
	}
	d.Servers = append(d.Servers, master)
	replica, err := launchLocal("", "", append(replicaOf(master.Addr), dataArgs...)...)
	if err != nil {
		tb.Fatalf("redistest: replica: %v", err)
	}
	d.Servers = append(d.Servers, replica)
	WaitReplicas(tb, master.Addr, 1)
	for range 3 {
		s, err := launchSentinel(master.port)
		if err != nil {
			tb.Fatalf("redistest: sentinel: %v", err)
		}
		d.Sentinels = append(d.Sentinels, s)
	}
	d.waitSentinels(tb)
	return d
}

// dataArgs start a full sync at once instead of waiting 5 s for more
// replicas to share it.
var dataArgs = []string{"--repl-diskless-sync-delay", "0"}

func replicaOf(addr string) []string {
	host, port, _ := net.SplitHostPort(addr)
	return []string{"--replicaof", host, port}
}

func launchSentinel(masterPort int) (*Server, error) {
	dir, err := os.MkdirTemp("", "redistest-sentinel-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	conf := filepath.Join(dir, "sentinel.conf")
	m := SentinelMaster
	text := fmt.Sprintf("sentinel monitor %s 127.0.0.1 %d 2\n"+
		"sentinel down-after-milliseconds %s 1000\n"+
		"sentinel failover-timeout %s 3000\n"+
		"sentinel parallel-syncs %s 1\n", m, masterPort, m, m, m)
	if err := os.WriteFile(conf, []byte(text), 0o600); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("sentinel config: %w", err)
	}
	s, err := launchLocal(conf, dir)
	if err != nil {
		os.RemoveAll(dir)
	}
	return s, err
}

// URL returns the deployment's redis+sentinel:// URL, naming every
// sentinel; query, when given, is appended ("min_replicas=1", say).
func (d *Sentinel) URL(query ...string) string {
	u := "redis+sentinel://" + d.Sentinels[0].Addr + "/0?master_name=" + SentinelMaster
	for _, s := range d.Sentinels[1:] {
		u += "&addr=" + s.Addr
	}
	for _, q := range query {
		u += "&" + q
	}
	return u
}

// Rejoin starts s, killed earlier, again as a replica of the master at
// addr, the role the sentinels would give it once they noticed it back
// (they wait several seconds before reconfiguring a returning master).
func (d *Sentinel) Rejoin(tb testing.TB, s *Server, addr string) {
	tb.Helper()
	s.mu.Lock()
	s.extra = append(replicaOf(addr), dataArgs...)
	s.mu.Unlock()
	s.Restart(tb)
}

// WatchSwitch subscribes to every sentinel's +switch-master channel and
// returns a function that waits, up to timeout, until every sentinel has
// announced the same new master, and returns its address. Subscribe before
// causing the failover so no announcement is missed.
func (d *Sentinel) WatchSwitch(tb testing.TB) func(timeout time.Duration) string {
	tb.Helper()
	ctx := context.Background()
	got := make(chan string, 4*len(d.Sentinels))
	for _, s := range d.Sentinels {
		c := redis.NewSentinelClient(&redis.Options{Addr: s.Addr})
		sub := c.Subscribe(ctx, "+switch-master")
		if _, err := sub.Receive(ctx); err != nil { // the subscription's confirmation
			tb.Fatalf("redistest: subscribe to %s: %v", s.Addr, err)
		}
		tb.Cleanup(func() { sub.Close(); c.Close() })
		go func() {
			for m := range sub.Channel() {
				// "<name> <old ip> <old port> <new ip> <new port>"
				if f := strings.Fields(m.Payload); len(f) == 5 && f[0] == SentinelMaster {
					got <- net.JoinHostPort(f[3], f[4])
				}
			}
		}()
	}
	return func(timeout time.Duration) string {
		deadline := time.After(timeout)
		var addrs []string
		for len(addrs) < len(d.Sentinels) {
			select {
			case addr := <-got:
				if len(addrs) > 0 && addr != addrs[0] {
					tb.Fatalf("redistest: sentinels announced two new masters: %s and %s", addrs[0], addr)
				}
				addrs = append(addrs, addr)
			case <-deadline:
				tb.Fatalf("redistest: %d of %d sentinels announced +switch-master within %v",
					len(addrs), len(d.Sentinels), timeout)
			}
		}
		return addrs[0]
	}
}

// waitSentinels waits until every sentinel sees the master with one
// replica and the two other sentinels, and agrees there is a quorum.
func (d *Sentinel) waitSentinels(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	for _, s := range d.Sentinels {
		c := redis.NewSentinelClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
		err := waitFor(deployTimeout, func() error {
			m, err := c.Master(ctx, SentinelMaster).Result()
			if err != nil {
				return err
			}
			if m["num-slaves"] != "1" || m["num-other-sentinels"] != "2" || m["flags"] != "master" {
				return fmt.Errorf("flags %s, %s replicas, %s other sentinels",
					m["flags"], m["num-slaves"], m["num-other-sentinels"])
			}
			return c.CkQuorum(ctx, SentinelMaster).Err()
		})
		c.Close()
		if err != nil {
			tb.Fatalf("redistest: sentinel %s not ready: %v", s.Addr, err)
		}
	}
}

// WaitReplicas waits until the master at addr has n replicas online, as
// its INFO replication shows them.
func WaitReplicas(tb testing.TB, addr string, n int) {
	tb.Helper()
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	err := waitFor(deployTimeout, func() error {
		info, err := c.Info(context.Background(), "replication").Result()
		if err != nil {
			return err
		}
		online := strings.Count(info, ",state=online,")
		if !strings.Contains(info, "role:master") || online < n {
			return fmt.Errorf("%d of %d replicas online:\n%s", online, n, info)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("redistest: %s: %v", addr, err)
	}
}

// waitFor calls check until it returns nil or timeout passes, and then
// returns check's last error.
func waitFor(timeout time.Duration, check func() error) error {
	deadline := time.Now().Add(timeout)
	for {
		err := check()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("after %v: %w", timeout, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
