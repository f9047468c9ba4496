package redisstore

import (
	"context"
	"crypto/rand"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// The listing indexes (QueryTickets), kept by commit.lua beside the others:
//
//	tu        sorted set of folios by last change (µs)
//	td        sorted set of folios by latest committed date (µs; noDue without one)
//	ix:na     set of the folios nobody is assigned
//	tw        hash of the search words by folio (storage.SearchText)
//	ixv       the version of these indexes; tickets written before it
//	          existed are indexed by the first query (fillListing)
var (
	//go:embed lua/query.lua
	queryLua string
	//go:embed lua/fill.lua
	fillLua string

	queryScript = redis.NewScript(queryLua)
	fillScript  = redis.NewScript(fillLua)
)

// noDue is the td score of a ticket without a committed date: later than
// any date, exact in a float64.
const noDue = "9000000000000000"

// listingVersion is the version of the listing indexes kept in ixv.
const listingVersion = "1"

// listing is what the listing indexes keep of a ticket.
type listing struct{ updated, due, words string }

// listingOf computes a ticket's listing indexes. A new ticket's words
// leave out its folio, which commit.lua adds once it is assigned.
func listingOf(t *storage.Ticket) listing {
	l := listing{updated: micros(t.Updated), due: noDue, words: storage.SearchText(t)}
	if d := t.DueDate(); !d.IsZero() {
		l.due = micros(d)
	}
	return l
}

// queueListing writes a ticket's listing indexes into a pipeline (restore).
func (s *Store) queueListing(ctx context.Context, tx redis.Pipeliner, folio, assignee string, l listing) {
	tx.HSet(ctx, s.p+"tw", folio, l.words)
	tx.Do(ctx, "ZADD", s.p+"tu", l.updated, folio)
	tx.Do(ctx, "ZADD", s.p+"td", l.due, folio)
	if assignee == "" {
		tx.SAdd(ctx, s.p+"ix:na", folio)
	}
}

// QueryTickets returns one page of the tickets q selects and their count,
// in one script (lua/query.lua). ARGV layout:
//
//	1 prefix, 2 id of the temporary keys, 3 sort set (tc, tu, td), 4 desc (0/1),
//	5 offset, 6 limit (0: all), 7..8 created range, 9 due before (scores,
//	exclusive bounds with "("), 10 everything in scope (0/1), then lists,
//	each its length then its items: scope sets, statuses whose unassigned
//	tickets are in scope (their sets), status sets, sets to intersect,
//	search words, requesters found by name.
func (s *Store) QueryTickets(ctx context.Context, q storage.TicketQuery) (storage.TicketPage, error) {
	if err := q.Check(); err != nil {
		return storage.TicketPage{}, fmt.Errorf("redisstore: query tickets: %w", err)
	}
	if err := s.fillListing(ctx); err != nil {
		return storage.TicketPage{}, fmt.Errorf("redisstore: query tickets: %w", err)
	}
	raw, err := queryScript.Run(ctx, s.c, s.route, s.queryArgs(&q)...).Slice()
	if err != nil {
		return storage.TicketPage{}, fmt.Errorf("redisstore: query tickets: %w", err)
	}
	if len(raw) == 0 {
		return storage.TicketPage{}, fmt.Errorf("redisstore: query tickets: empty reply")
	}
	total, _ := raw[0].(int64)
	page := storage.TicketPage{Total: int(total)}
	for _, v := range raw[1:] {
		js, _ := v.(string)
		if js == "" {
			continue // deleted between the index and the read: never in one script
		}
		var t storage.Ticket
		if err := json.Unmarshal([]byte(js), &t); err != nil {
			return storage.TicketPage{}, fmt.Errorf("redisstore: query tickets: %w", err)
		}
		page.Tickets = append(page.Tickets, t)
	}
	return page, nil
}

func (s *Store) queryArgs(q *storage.TicketQuery) []any {
	sortz := map[storage.SortKey]string{storage.SortCreated: "tc", storage.SortUpdated: "tu", storage.SortDue: "td"}[q.Sort]
	var id [8]byte
	_, _ = rand.Read(id[:])
	lo, hi, due := "-inf", "+inf", "+inf"
	if !q.CreatedFrom.IsZero() {
		lo = micros(q.CreatedFrom)
	}
	if !q.CreatedTo.IsZero() {
		hi = "(" + micros(q.CreatedTo)
	}
	if !q.DueBefore.IsZero() {
		due = "(" + micros(q.DueBefore)
	}
	args := []any{s.p, hex.EncodeToString(id[:]), sortz, flag(q.Desc), q.Offset, q.Limit, lo, hi, due, flag(q.Scope.Everything())}
	sc := q.Scope
	var scope []string
	if sc.Requester != "" {
		scope = append(scope, s.p+"ix:rq:"+sc.Requester)
	}
	if sc.Assignee != "" {
		scope = append(scope, s.p+"ix:as:"+sc.Assignee)
	}
	scope = append(scope, s.keys("ar", sc.Areas)...)
	scope = append(scope, s.keys("st", sc.Statuses)...)
	var eq []string
	for _, c := range [...]struct{ name, val string }{{"sv", q.Service}, {"ar", q.Area}, {"as", q.Assignee}} {
		if c.val != "" {
			eq = append(eq, s.p+"ix:"+c.name+":"+c.val)
		}
	}
	if q.Unassigned {
		eq = append(eq, s.p+"ix:na")
	}
	for _, l := range [][]string{scope, s.keys("st", sc.UnassignedIn), s.keys("st", q.Statuses), eq, q.Search.Words, q.Search.Requesters} {
		args = append(args, len(l))
		for _, v := range l {
			args = append(args, v)
		}
	}
	return args
}

// keys names the index sets of a field's values.
func (s *Store) keys(field string, values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = s.p + "ix:" + field + ":" + v
	}
	return out
}

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// fillListing indexes, once, the tickets written before the listing
// indexes existed. Each ticket is indexed only if it did not change since
// it was read (lua/fill.lua), so a commit racing the fill always wins.
func (s *Store) fillListing(ctx context.Context) error {
	if s.listed.Load() {
		return nil
	}
	s.listing.Lock()
	defer s.listing.Unlock()
	if s.listed.Load() {
		return nil
	}
	v, err := s.c.Get(ctx, s.p+"ixv").Result()
	if err != nil && err != redis.Nil {
		return fmt.Errorf("listing indexes: %w", err)
	}
	if v != listingVersion {
		folios, err := s.c.ZRange(ctx, s.p+"tc", 0, -1).Result()
		if err != nil {
			return fmt.Errorf("listing indexes: %w", err)
		}
		for start := 0; start < len(folios); start += 200 {
			if err := s.fillBatch(ctx, folios[start:min(start+200, len(folios))]); err != nil {
				return fmt.Errorf("listing indexes: %w", err)
			}
		}
		if err := s.c.Set(ctx, s.p+"ixv", listingVersion, 0).Err(); err != nil {
			return fmt.Errorf("listing indexes: %w", err)
		}
	}
	s.listed.Store(true)
	return nil
}

// fillBatch indexes a batch of tickets in two round trips.
func (s *Store) fillBatch(ctx context.Context, folios []string) error {
	read := s.c.Pipeline()
	cmds := make([]*redis.SliceCmd, len(folios))
	for i, f := range folios {
		cmds[i] = read.HMGet(ctx, s.p+"t:"+f, "json", "v")
	}
	if _, err := read.Exec(ctx); err != nil {
		return err
	}
	write := s.c.Pipeline()
	for i, c := range cmds {
		js, _ := c.Val()[0].(string)
		ver, _ := c.Val()[1].(string)
		var t storage.Ticket
		if js == "" || json.Unmarshal([]byte(js), &t) != nil {
			continue
		}
		l := listingOf(&t)
		fillScript.Eval(ctx, write, s.route, s.p, folios[i], ver, l.words, l.updated, l.due, t.Assignee)
	}
	_, err := write.Exec(ctx)
	return err
}
