package redistest_test

import (
	"testing"
	"time"

	"ctdesk/storage/redisstore/redistest"
)

// TestSentinelFailover: killing the master makes the sentinels promote the
// replica, and the killed server comes back as the new master's replica.
func TestSentinelFailover(t *testing.T) {
	t.Parallel()
	start := time.Now()
	d := redistest.StartSentinel(t)
	t.Logf("deployment ready in %v", time.Since(start).Round(time.Millisecond))
	master, replica := d.Servers[0], d.Servers[1]
	if got := d.MasterAddr(t); got != master.Addr {
		t.Fatalf("master before the failover: got %s, want %s", got, master.Addr)
	}
	wait := d.WatchSwitch(t)
	start = time.Now()
	master.Kill(t)
	if got := wait(30 * time.Second); got != replica.Addr {
		t.Fatalf("+switch-master named %s, want the replica %s", got, replica.Addr)
	}
	t.Logf("failover in %v", time.Since(start).Round(time.Millisecond))
	if got := d.MasterAddr(t); got != replica.Addr {
		t.Fatalf("master after the failover: got %s, want %s", got, replica.Addr)
	}
	d.Rejoin(t, master, replica.Addr)
	redistest.WaitReplicas(t, replica.Addr, 1)
}
