package redisstore

import (
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
	"ctdesk/storage/storetest"
)

// TestClusterContract runs the contract suite on a Redis Cluster of three
// masters through go-redis' ClusterClient, opened from a redis+cluster://
// URL; Restart restarts every node.
func TestClusterContract(t *testing.T) {
	t.Parallel()
	c := redistest.StartCluster(t)
	open := func(t *testing.T, prefix string) *Store {
		s, err := Open(c.URL(), Options{Prefix: prefix})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		if _, ok := s.c.(*redis.ClusterClient); !ok {
			t.Fatalf("Open(%q) made a %T, want a *redis.ClusterClient", c.URL(), s.c)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	t.Run("min_replicas", func(t *testing.T) {
		// The wait runs on the master of the store's slot; this cluster
		// has no replicas, so nothing is acknowledged.
		s, err := Open(c.URL()+"&min_replicas=1&replica_timeout=100ms", Options{Prefix: c.Prefix(t)})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer s.Close()
		now := time.Now()
		_, err = s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
			Service: "correo", Requester: "rosa", Status: "recibido", Created: now, Updated: now}}}})
		if !errors.Is(err, ErrNotReplicated) {
			t.Fatalf("commit on a cluster without replicas: got %v, want ErrNotReplicated", err)
		}
	})
	storetest.Run(t, storetest.Harness{
		Open: func(t *testing.T) storage.Store { return open(t, c.Prefix(t)) },
		Restart: func(t *testing.T, s storage.Store) storage.Store {
			rs := s.(*Store)
			rs.Close()
			c.Restart(t)
			return open(t, rs.prefix)
		},
	})
}
