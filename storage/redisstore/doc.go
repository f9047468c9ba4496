// Package redisstore is the production storage.Store, on Redis through
// go-redis' UniversalClient (single node, Sentinel or Cluster).
//
// Every key starts with "{PREFIX}:" (default "{ctdesk}:"). The braces are a
// Cluster hash tag: all of a store's keys live in one slot, so the Lua
// scripts that touch several keys (a commit writes dialogs, tickets, indexes,
// the bitácora and the outbox together) run on one node. The price is that
// one store does not spread over several Cluster shards; a service desk's
// data fits one node many times over, and replicas still give failover.
// Scripts build some key names from their arguments (old index entries are
// only known inside the script); that is allowed because they share the slot
// of the routing key.
//
// Key layout under the prefix:
//
//	seen:K            update marker (PX): Slack events, web forms, jobs
//	d:PERSON          dialog hash v, u, d, and h: the sender's update mark "N END-MS"
//	                  (storage.UpdateMark), alone in the hash once the dialog ends (PX)
//	t:FOLIO           ticket hash json, v, st, rq, as, sv, ar
//	ix:FIELD:VALUE    set of folios by status/requester/assignee/service/area
//	tc                sorted set of folios by creation time (µs)
//	tu, td, tw, ix:na the listing indexes of QueryTickets (listing.go); ixv their version
//	folio:YYYY        per-year folio counter
//	log, log:f:FOLIO  bitácora lists of "SEQ JSON"; log:seq counter
//	log:t, log:tv     the bitácora's positions by time (logtime.go) and its version
//	ob:i:ID           outbox item hash m, p, s (Seq), a, e, n, d (platform calls made); ob:seq counter
//	ob:r              ids of the items ready to go, by Seq
//	ob:w              ids of the items in flight or not due yet, by due time (µs)
//	p, pa, pacc       people by id, person id by "platform:account", accounts by id
//	areas, jobs       areas by id, last runs by job
//	lock:NAME         job lock (PX)
//	v:KEY             named values (PX when given a ttl)
//	f:ID              file hash m (metadata JSON), d (bytes)
//	plan, plan:t      plan items by id, ids by planned time (µs)
//
// A commit is one EVALSHA: it checks the Seen marker or the sender's mark
// (with the dialog's version, in one HMGET), every dialog and ticket
// version, then allocates the folio (so failed commits leave no gaps) and
// writes everything. Loading a dialog is one HMGET.
//
// # Replicas and failover
//
// Redis replicates asynchronously: a master acknowledges a write before any
// replica has it, and a master that dies takes its last writes with it
// when Sentinel promotes a replica. Options.MinReplicas decides what a
// commit's nil error means:
//
//   - 0: the master ran the change. A failover may lose it. This is the
//     default of New and of single-node and Cluster URLs.
//   - N > 0: the master ran the change and at least N replicas hold it.
//     The commit is followed, on the same connection and in the same round
//     trip, by WAIT N with Options.ReplicaTimeout (1 s by default; at most
//     half the client's read timeout). WAIT counts the replicas that have
//     every write up to that one. Sentinel promotes the replica with the
//     most data (among replicas of equal replica-priority), so an acknowledged commit survives the master's death
//     while one of the N replicas that acknowledged it survives too.
//     Open gives a redis+sentinel:// URL N = 1 unless it says min_replicas.
//
// When fewer than N replicas answer in time, Commit returns ErrNotReplicated
// (wrapped). The change was applied on the master and is visible there, but
// it is not acknowledged: the caller treats it like any failed commit, and a
// failover may keep it or lose it. Only a commit that returns nil is
// acknowledged. With one replica the policy trades availability for
// durability: while the replica is down, or after a failover until the old
// master rejoins as a replica, every commit fails. Run two replicas to keep
// writing through one failure, or set min_replicas=0 to keep writing at the
// risk of losing the last writes.
//
// The wait covers Commit (and AppendLog, PutPerson, which go through it):
// tickets, folios, bitácora entries, dialogs, people and the outbox
// messages a change enqueues. The other writes (files, plan items, values,
// job runs and locks, the outbox's acks and retries, MarkSeen) do not wait;
// an outbox claim waits like a commit, so its leases are on the replicas
// before the messages go out. Reads and refusals come from the master, which may hold a
// change that was not acknowledged: a refused commit (ErrDuplicate,
// ErrConflict) may have been refused by one, and a claim may hand out the
// message it enqueued. On the
// servers, min-replicas-to-write and min-replicas-max-lag are a useful
// second guard: a master cut off from its replicas stops taking writes.
//
// REDIS_URL settings read by Open beside go-redis' own:
//
//	min_replicas=N       Options.MinReplicas
//	replica_timeout=D    Options.ReplicaTimeout (500ms, 2s)
package redisstore
