package redisstore

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

// counter counts the commands and pipelines a client sends to Redis.
type counter struct{ n atomic.Int64 }

func (c *counter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (c *counter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmd)
	}
}

func (c *counter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		c.n.Add(1)
		return next(ctx, cmds)
	}
}

// openCounted returns a store whose round trips are counted.
func openCounted(tb testing.TB) (*Store, *counter) {
	tb.Helper()
	opts, err := ParseURL(srv.URL())
	if err != nil {
		tb.Fatalf("ParseURL: %v", err)
	}
	c := redis.NewUniversalClient(opts)
	cnt := &counter{}
	c.AddHook(cnt)
	s := New(c, Options{Prefix: srv.Prefix(tb)})
	tb.Cleanup(func() { s.Close() })
	return s, cnt
}

// update is what one chat update typically commits: the dialog, a ticket, a
// bitácora line and a message, marked seen.
func update(i int, expect int64, tk storage.Ticket, tkExpect int64) storage.Change {
	tok := storage.NewFolioToken()
	return storage.Change{
		Seen: "tg:" + strconv.Itoa(i), SeenTTL: time.Hour, FolioToken: tok,
		Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa",
			Data: []byte(`{"step":"equipo","answers":{"equipo":"impresora","ubicacion":"edificio A"}}`)},
			Expect: expect, TTL: time.Hour}},
		Tickets: []storage.TicketWrite{{Ticket: tk, Expect: tkExpect}},
		Log: []storage.LogEntry{{At: tk.Created, Who: "rosa", Role: storage.RoleUsuario,
			Folio: tok, Action: "solicitud", Detail: "creó " + tok}},
		Outbox: []storage.OutboxItem{{ID: "out-" + strconv.Itoa(i), Recipient: "rosa",
			Payload: []byte(`{"text":"Tu folio es ` + tok + `"}`), Created: tk.Created}},
	}
}

func newTicket() storage.Ticket {
	at := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	return storage.Ticket{Service: "mantenimiento", Requester: "rosa", Area: "finanzas",
		Status: "recibido", Fields: map[string]string{"equipo": "impresora"}, Created: at, Updated: at}
}

func TestRoundTrips(t *testing.T) {
	s, cnt := openCounted(t)
	ctx := t.Context()
	// Warm the script cache: the first call after a (re)start may need EVAL.
	if _, err := s.Commit(ctx, storage.Change{Seen: "warm", SeenTTL: time.Second}); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	for i := range 3 {
		before := cnt.n.Load()
		if _, err := s.Dialog(ctx, "rosa"); i > 0 && err != nil {
			t.Fatalf("Dialog: %v", err)
		}
		if got := cnt.n.Load() - before; got != 1 {
			t.Errorf("round trips per dialog load: got %d, want 1", got)
		}
		before = cnt.n.Load()
		if _, err := s.Commit(ctx, update(i, int64(i), newTicket(), 0)); err != nil {
			t.Fatalf("Commit %d: %v", i, err)
		}
		if got := cnt.n.Load() - before; got != 1 {
			t.Errorf("round trips per commit: got %d, want 1", got)
		}
	}
}

func TestReconnectAfterRestart(t *testing.T) {
	if srv.External() {
		t.Skip("needs a local redis-server")
	}
	s := mustOpen(t)
	ctx := t.Context()
	out, err := s.Commit(ctx, update(1, 0, newTicket(), 0))
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	srv.Restart(t)
	// The pool still holds connections to the old process, and the script
	// cache is empty: both must be handled below us.
	if _, err := s.Ticket(ctx, out.Folio); err != nil {
		t.Fatalf("Ticket after restart: %v", err)
	}
	out2, err := s.Commit(ctx, update(2, 1, newTicket(), 0))
	if err != nil {
		t.Fatalf("Commit after restart: %v", err)
	}
	if out2.Folio != "CT-2026-0002" {
		t.Errorf("folio after restart: got %q, want CT-2026-0002", out2.Folio)
	}
}

func TestTTLs(t *testing.T) {
	s := mustOpen(t)
	ctx := t.Context()
	if _, err := s.Commit(ctx, update(1, 0, newTicket(), 0)); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if _, err := s.MarkSeen(ctx, "slack:1", 0); err != nil {
		t.Fatalf("MarkSeen: %v", err)
	}
	if _, err := s.TryLock(ctx, "digest", "a", time.Minute); err != nil {
		t.Fatalf("TryLock: %v", err)
	}
	if err := s.SetValue(ctx, "offset", []byte("7"), time.Minute); err != nil {
		t.Fatalf("SetValue: %v", err)
	}
	for _, key := range []string{"d:rosa", "seen:tg:1", "seen:slack:1", "lock:digest", "v:offset"} {
		ttl, err := s.c.PTTL(ctx, s.p+key).Result()
		if err != nil || ttl <= 0 {
			t.Errorf("PTTL %s: got %v, %v; want a positive TTL", key, ttl, err)
		}
	}
}

func TestTicketWithoutCreatedIsInvalid(t *testing.T) {
	s := mustOpen(t)
	_, err := s.Commit(t.Context(), storage.Change{Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{Status: "x"}}}})
	if !errors.Is(err, storage.ErrInvalid) {
		t.Fatalf("Commit: got %v, want ErrInvalid", err)
	}
}
