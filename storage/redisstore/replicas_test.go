package redisstore

import (
	"errors"
	"testing"
	"time"

	"ctdesk/storage"
)

// TestCommitWithoutReplica: a store that needs a replica, on a server that
// has none, reports ErrNotReplicated once the timeout passes, also when the
// server lost its script cache (as a promoted replica has) and the commit
// goes by EVAL. The change did run on the server: the policy decides what
// is acknowledged, not what is written.
func TestCommitWithoutReplica(t *testing.T) {
	p := srv.Prefix(t)
	s := openPrefix(t, p)
	s.minReplicas, s.replicaTimeout = 1, 100*time.Millisecond
	ctx := t.Context()
	for _, flush := range []bool{false, true} {
		if flush {
			if err := srv.Client(t).ScriptFlush(ctx).Err(); err != nil {
				t.Fatalf("SCRIPT FLUSH: %v", err)
			}
		}
		start := time.Now()
		_, err := s.Commit(ctx, storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{
			Service: "correo", Requester: "rosa", Status: "recibido", Created: start, Updated: start}}}})
		if !errors.Is(err, ErrNotReplicated) {
			t.Fatalf("commit (script cache flushed: %v): got %v, want ErrNotReplicated", flush, err)
		}
		if waited := time.Since(start); waited < 100*time.Millisecond {
			t.Errorf("commit returned after %v, before the replica timeout", waited)
		}
	}
	all, err := s.Tickets(ctx, storage.TicketFilter{})
	if err != nil || len(all) != 2 {
		t.Errorf("tickets on the master: got %d, %v; want the 2 unacknowledged ones", len(all), err)
	}
}
