package redisstore

import (
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestOpenReplicaPolicy: the replication policy comes from the URL, a
// Sentinel URL waits for one replica unless it says otherwise, and go-redis'
// own options still reach the client.
func TestOpenReplicaPolicy(t *testing.T) {
	tests := []struct {
		name, url string
		opts      Options
		replicas  int
		timeout   time.Duration
	}{
		{"single node", "redis://10.0.0.1:6379/0", Options{}, 0, time.Second},
		{"single node asks", "redis://10.0.0.1:6379/0?min_replicas=2&replica_timeout=250ms", Options{}, 2, 250 * time.Millisecond},
		{"options", "redis://10.0.0.1:6379/0", Options{MinReplicas: 1, ReplicaTimeout: 2 * time.Second}, 1, 2 * time.Second},
		{"url over options", "redis://10.0.0.1:6379/0?min_replicas=0", Options{MinReplicas: 1}, 0, time.Second},
		{"sentinel default", "redis+sentinel://s1:26379/0?master_name=m&addr=s2:26379", Options{}, 1, time.Second},
		{"sentinel by option", "redis://s1:26379?master_name=m", Options{}, 1, time.Second},
		{"sentinel without", "redis+sentinel://s1:26379/0?master_name=m&min_replicas=0", Options{}, 0, time.Second},
		{"sentinel options", "redis+sentinel://s1:26379/0?master_name=m", Options{MinReplicas: 2}, 2, time.Second},
		{"cluster", "redis+cluster://n1:7000?addr=n2:7001&min_replicas=1", Options{}, 1, time.Second},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Open(tc.url, tc.opts)
			if err != nil {
				t.Fatalf("Open(%q): %v", tc.url, err)
			}
			defer s.Close()
			if s.minReplicas != tc.replicas || s.replicaTimeout != tc.timeout {
				t.Errorf("Open(%q): waits for %d replicas up to %v; want %d up to %v",
					tc.url, s.minReplicas, s.replicaTimeout, tc.replicas, tc.timeout)
			}
		})
	}
	for _, bad := range []string{
		"redis://h:1/0?min_replicas=uno",
		"redis://h:1/0?min_replicas=-1",
		"redis://h:1/0?replica_timeout=5",
		"redis://h:1/0?replica_timeout=0s",
		"redis://h:1/0?min_replicas=1&bogus=1",
	} {
		if s, err := Open(bad, Options{}); err == nil {
			s.Close()
			t.Errorf("Open(%q): got nil error", bad)
		}
	}
	s, err := Open("redis+sentinel://ct:secreto@s1:26379/0?master_name=m&min_replicas=1&dial_timeout=3s&pool_size=7", Options{})
	if err != nil {
		t.Fatalf("Open with go-redis options: %v", err)
	}
	o := s.c.(*redis.Client).Options()
	if o.DialTimeout != 3*time.Second || o.PoolSize != 7 {
		t.Errorf("Open: go-redis options lost: dial timeout %v, pool size %d", o.DialTimeout, o.PoolSize)
	}
	s.Close()
	if _, err := ParseURL("redis://h:1/0?min_replicas=1"); err == nil || !strings.Contains(err.Error(), "redisstore.Open") {
		t.Errorf("ParseURL with min_replicas: got %v, want an error that points to Open", err)
	}
}
