package redisstore

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
)

// openSentinel opens a store on the deployment through a redis+sentinel://
// URL, as an operator's REDIS_URL would, with the URL's default policy:
// a commit waits for one replica.
func openSentinel(tb testing.TB, d *redistest.Sentinel, prefix string) *Store {
	tb.Helper()
	s, err := Open(d.URL("replica_timeout=500ms"), Options{Prefix: prefix})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	if s.minReplicas != 1 {
		tb.Fatalf("a Sentinel URL opened a store that waits for %d replicas, want 1", s.minReplicas)
	}
	return s
}

// TestSentinelFailoverKeepsAcknowledgedCommits: three requesters open and
// move tickets while the master is killed with SIGKILL; the sentinels
// promote the replica, the killed server comes back as its replica, and
// the walk goes on. Everything acknowledged before, during and after is in
// the new master: tickets at their versions, bitácora entries, messages,
// update markers, and folios without gaps or repeats.
func TestSentinelFailoverKeepsAcknowledgedCommits(t *testing.T) {
	t.Parallel()
	d := redistest.StartSentinel(t)
	s := openSentinel(t, d, "walk")
	w := newWalk(s, 10*time.Millisecond)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, who := range []string{"rosa", "luis", "ana"} {
		wg.Add(1)
		go func() { defer wg.Done(); w.run(ctx, who) }()
	}
	defer func() { stop(); wg.Wait() }()
	start := time.Now()
	w.waitAcked(t, start, 30, 20*time.Second)

	switched := d.WatchSwitch(t)
	old := d.Servers[0]
	killed := time.Now()
	old.Kill(t)
	master := switched(30 * time.Second)
	failover := time.Since(killed)
	d.Rejoin(t, old, master)
	redistest.WaitReplicas(t, master, 1)
	rejoined := time.Since(killed)
	w.waitAcked(t, killed, 30, 20*time.Second)
	stop()
	wg.Wait()

	w.verify(t)
	t.Logf("%d changes acknowledged on %d tickets; +switch-master %v after the kill, replica back at %v; errors meanwhile %v",
		len(w.seen), len(w.tickets), failover.Round(time.Millisecond), rejoined.Round(time.Millisecond), w.errs)
}

// TestSentinelRefusesWhatAFailoverLoses: with the replica down, a commit
// runs on the master but no replica holds it, so Commit reports
// ErrNotReplicated instead of acknowledging it. The master is then killed
// and the replica, back from its own disk, is promoted: those commits are
// indeed gone (their update markers and their folios), while everything
// acknowledged before is there.
func TestSentinelRefusesWhatAFailoverLoses(t *testing.T) {
	t.Parallel()
	d := redistest.StartSentinel(t)
	s := openSentinel(t, d, "refused")
	ctx := context.Background()
	w := newWalk(s, 0)
	for i := range 3 {
		if w.open(ctx, "rosa", fmt.Sprint(i)) == "" {
			t.Fatalf("commit %d with the replica up: %v", i, w.errs)
		}
	}
	master, replica := d.Servers[0], d.Servers[1]
	replica.Kill(t)
	for i := range 2 {
		now := time.Now()
		_, err := s.Commit(ctx, storage.Change{Seen: fmt.Sprint("refused:", i),
			Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{Service: "correo", Requester: "luis",
				Status: "recibido", Created: now, Updated: now}}}})
		if !errors.Is(err, ErrNotReplicated) {
			t.Fatalf("commit %d with the replica down: got %v, want ErrNotReplicated", i, err)
		}
	}

	switched := d.WatchSwitch(t)
	master.Kill(t)
	replica.Restart(t)
	if got := switched(30 * time.Second); got != replica.Addr {
		t.Fatalf("+switch-master named %s, want the replica %s", got, replica.Addr)
	}
	d.Rejoin(t, master, replica.Addr)
	redistest.WaitReplicas(t, replica.Addr, 1)

	w.verify(t)
	for i := range 2 {
		if _, err := s.Commit(ctx, storage.Change{Seen: fmt.Sprint("refused:", i)}); err != nil {
			t.Errorf("update marker of refused commit %d: got %v, want it gone with the old master", i, err)
		}
	}
	out, err := s.Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
		Service: "correo", Requester: "luis", Status: "recibido", Created: time.Now(), Updated: time.Now()}}}})
	if want := fmt.Sprintf("CT-%d-0004", time.Now().Year()); err != nil || out.Folio != want {
		t.Errorf("next folio after the failover: got %q, %v; want %s (the refused ones were lost)", out.Folio, err, want)
	}
}
