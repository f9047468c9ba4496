package redisstore

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
)

// commandsRun is how many commands the server has run so far, those inside
// scripts included (INFO stats total_commands_processed).
func commandsRun(t *testing.T, c *redis.Client) int64 {
	t.Helper()
	info, err := c.Info(t.Context(), "stats").Result()
	if err != nil {
		t.Fatalf("INFO stats: %v", err)
	}
	for line := range strings.SplitSeq(info, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "total_commands_processed:"); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatalf("INFO stats: %v", err)
			}
			return n
		}
	}
	t.Fatalf("INFO stats without total_commands_processed:\n%s", info)
	return 0
}

// enqueue commits n items for ana with ids prefix0..prefix(n-1), due at due
// (zero: now).
func enqueue(t *testing.T, s *Store, prefix string, n int, due time.Time) {
	t.Helper()
	for start := 0; start < n; start += 1000 {
		var c storage.Change
		for i := start; i < min(start+1000, n); i++ {
			c.Outbox = append(c.Outbox, storage.OutboxItem{ID: fmt.Sprintf("%s%d", prefix, i), Recipient: "ana",
				Payload: []byte("recordatorio"), Created: time.Now(), NotBefore: due})
		}
		if _, err := s.Commit(t.Context(), c); err != nil {
			t.Fatalf("Commit: %v", err)
		}
	}
}

// TestClaimCostFlatWithQueue: a claim runs the same number of Redis
// commands, counted by the server itself, whether the outbox is empty or
// holds 10,000 messages, half of them in flight and half due tomorrow.
func TestClaimCostFlatWithQueue(t *testing.T) {
	own := redistest.Start(t)
	if own.External() {
		t.Skip("counts every command of the server: needs a redis-server of its own (unset REDIS_URL)")
	}
	admin := own.Client(t)
	opts, err := ParseURL(own.URL())
	if err != nil {
		t.Fatal(err)
	}
	s := New(redis.NewUniversalClient(opts), Options{Prefix: "flat"})
	t.Cleanup(func() { s.Close() })
	ctx := t.Context()
	now := time.Now()

	// claimCost enqueues ten messages due now and returns the commands of
	// the claim that takes them.
	claimCost := func(round string) int64 {
		t.Helper()
		enqueue(t, s, round, 10, time.Time{})
		before := commandsRun(t, admin)
		got, err := s.ClaimOutbox(ctx, now, time.Hour, 10)
		after := commandsRun(t, admin)
		if err != nil || len(got) != 10 || got[0].ID != round+"0" {
			t.Fatalf("claim %s: got %d items, %v", round, len(got), err)
		}
		return after - before - 1 // the second INFO counts itself
	}
	claimCost("warm") // loads the scripts
	shallow := claimCost("shallow")

	enqueue(t, s, "flight", 5000, time.Time{})
	if got, err := s.ClaimOutbox(ctx, now, time.Hour, 5000); err != nil || len(got) != 5000 {
		t.Fatalf("claim of 5000: got %d, %v", len(got), err)
	}
	enqueue(t, s, "tomorrow", 5000, now.Add(24*time.Hour))
	deep := claimCost("deep")
	if deep != shallow {
		t.Errorf("a claim of 10 ran %d commands with 10,000 messages queued, %d with none; want the same", deep, shallow)
	}
	if n, err := s.PendingOutbox(ctx); err != nil || n != 10030 {
		t.Errorf("PendingOutbox: got %d, %v; want 10030", n, err)
	}

	// Acknowledging a batch costs the same however many it holds.
	ackCost := func(ids ...string) int64 {
		t.Helper()
		before := commandsRun(t, admin)
		if err := s.AckOutbox(ctx, ids...); err != nil {
			t.Fatalf("AckOutbox: %v", err)
		}
		return commandsRun(t, admin) - before - 1
	}
	one, many := ackCost("deep0"), ackCost("deep1", "deep2", "deep3", "deep4", "deep5", "deep6", "deep7", "deep8", "deep9")
	if one != many {
		t.Errorf("acking 1 message ran %d commands, acking 9 ran %d; want the same", one, many)
	}
}

// TestOutboxFormerLayout: messages queued by a version that kept the
// outbox in ob:q and ob:v are still delivered, in Seq order.
func TestOutboxFormerLayout(t *testing.T) {
	s := mustOpen(t)
	ctx := t.Context()
	c := srv.Client(t)
	now := time.Now().Truncate(time.Millisecond)
	old := []struct {
		id      string
		seq     int
		visible string
	}{{"c", 3, "-inf"}, {"a", 1, "-inf"}, {"later", 2, micros(now.Add(time.Hour))}}
	for _, o := range old {
		meta, _ := json.Marshal(outboxMeta{ID: o.id, Recipient: "rosa", Created: now})
		err := c.HSet(ctx, s.p+"ob:i:"+o.id, "m", meta, "p", "mensaje "+o.id, "s", o.seq, "a", 0, "e", "", "n", "").Err()
		if err == nil {
			err = c.ZAdd(ctx, s.p+"ob:q", redis.Z{Score: float64(o.seq), Member: o.id}).Err()
		}
		if err == nil {
			err = c.Do(ctx, "ZADD", s.p+"ob:v", o.visible, o.id).Err()
		}
		if err != nil {
			t.Fatalf("former layout: %v", err)
		}
	}
	if n, err := s.PendingOutbox(ctx); err != nil || n != 3 {
		t.Errorf("PendingOutbox: got %d, %v; want 3", n, err)
	}
	got, err := s.ClaimOutbox(ctx, now, time.Minute, 10)
	if err != nil {
		t.Fatalf("ClaimOutbox: %v", err)
	}
	var ids []string
	for _, it := range got {
		ids = append(ids, it.ID)
	}
	if !slices.Equal(ids, []string{"a", "c"}) || string(got[0].Payload) != "mensaje a" {
		t.Errorf("claim: got %v, want [a c] with their payloads", ids)
	}
	if n, err := c.Exists(ctx, s.p+"ob:q", s.p+"ob:v").Result(); err != nil || n != 0 {
		t.Errorf("the former keys: %d left, %v; want none", n, err)
	}
	if err := s.AckOutbox(ctx, "a", "c"); err != nil {
		t.Fatalf("AckOutbox: %v", err)
	}
	got, err = s.ClaimOutbox(ctx, now.Add(time.Hour), time.Minute, 10)
	if err != nil || len(got) != 1 || got[0].ID != "later" {
		t.Errorf("claim when later is due: got %v, %v", got, err)
	}
}
