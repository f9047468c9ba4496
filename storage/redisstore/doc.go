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
//	seen:K            update marker (PX)
//	d:PERSON          dialog hash v, u, d (PX)
//	t:FOLIO           ticket hash json, v, st, rq, as, sv, ar
//	ix:FIELD:VALUE    set of folios by status/requester/assignee/service/area
//	tc                sorted set of folios by creation time (µs)
//	folio:YYYY        per-year folio counter
//	log, log:f:FOLIO  bitácora lists of "SEQ JSON"; log:seq counter
//	ob:i:ID           outbox item hash m, p, s (Seq), a, e, n; ob:seq counter
//	ob:r              ids of the items ready to go, by Seq
//	ob:w              ids of the items in flight or not due yet, by due time (µs)
//	p, pa, pacc       people by id, person id by "platform:account", accounts by id
//	areas, jobs       areas by id, last runs by job
//	lock:NAME         job lock (PX)
//	v:KEY             named values (PX when given a ttl)
//	f:ID              file hash m (metadata JSON), d (bytes)
//	plan, plan:t      plan items by id, ids by planned time (µs)
//
// A commit is one EVALSHA: it checks the Seen marker, every dialog and ticket
// version, then allocates the folio (so failed commits leave no gaps) and
// writes everything. Loading a dialog is one HMGET.
package redisstore
