package redisstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
)

// walk plays requesters who open tickets and move them along, and keeps
// what the store acknowledged (Commit returned nil): the ticket with its
// version, its bitácora entries, its outbox message, its update marker.
// An error leaves a change unacknowledged: it may or may not be stored.
type walk struct {
	s     *Store
	pause time.Duration

	mu      sync.Mutex
	tickets map[string]*walked // by folio
	seen    []string
	acks    []time.Time
	errs    map[string]int // by kind, for the log
}

type walked struct {
	key     string // the walker's own name for it, kept in Fields["walk"]
	version int64
	details []string // Detail of every acknowledged bitácora entry
}

func newWalk(s *Store, pause time.Duration) *walk {
	return &walk{s: s, pause: pause, tickets: map[string]*walked{}, errs: map[string]int{}}
}

// run opens a ticket and moves it through two statuses, over and over,
// until ctx is done; each change is retried until it is acknowledged or
// found applied.
func (w *walk) run(ctx context.Context, who string) {
	for n := 0; ctx.Err() == nil; n++ {
		key := fmt.Sprintf("%s-%d", who, n)
		folio := w.open(ctx, who, key)
		if folio == "" {
			continue
		}
		for _, st := range []string{"en_proceso", "atendido"} {
			w.move(ctx, folio, key, st)
		}
	}
}

func (w *walk) open(ctx context.Context, who, key string) string {
	now := time.Now().UTC().Truncate(time.Millisecond)
	t := storage.Ticket{Service: "mantenimiento", Requester: who, Area: "finanzas", Status: "recibido",
		Fields: map[string]string{"walk": key}, Created: now, Updated: now}
	token := storage.NewFolioToken()
	out, err := w.s.Commit(ctx, storage.Change{
		Seen:       "new:" + key,
		FolioToken: token,
		Tickets:    []storage.TicketWrite{{Ticket: t}},
		Log:        []storage.LogEntry{{At: now, Who: who, Folio: token, Action: "solicitud", Detail: key}},
		Outbox: []storage.OutboxItem{{ID: "ob:" + key, Recipient: who, Created: now,
			Payload: []byte("Registré tu solicitud " + token)}},
	})
	if err != nil {
		w.fail(ctx, err)
		return ""
	}
	w.ack("new:"+key, func() { w.tickets[out.Folio] = &walked{key: key, version: 1, details: []string{key}} })
	return out.Folio
}

func (w *walk) move(ctx context.Context, folio, key, status string) {
	detail := key + " " + status
	for ctx.Err() == nil {
		t, err := w.s.Ticket(ctx, folio)
		if err != nil {
			w.fail(ctx, err)
			continue
		}
		if t.Status == status { // an unacknowledged attempt was applied
			return
		}
		t.Status, t.Updated = status, time.Now().UTC()
		_, err = w.s.Commit(ctx, storage.Change{
			Seen:    "move:" + detail,
			Tickets: []storage.TicketWrite{{Ticket: t, Expect: t.Version}},
			Log:     []storage.LogEntry{{At: t.Updated, Who: "beto", Folio: folio, Action: status, Detail: detail}},
		})
		if err == nil {
			w.ack("move:"+detail, func() {
				tk := w.tickets[folio]
				tk.version = t.Version + 1
				tk.details = append(tk.details, detail)
			})
			return
		}
		w.fail(ctx, err)
	}
}

func (w *walk) ack(seen string, record func()) {
	w.mu.Lock()
	record()
	w.seen = append(w.seen, seen)
	w.acks = append(w.acks, time.Now())
	w.mu.Unlock()
	time.Sleep(w.pause)
}

func (w *walk) fail(ctx context.Context, err error) {
	if ctx.Err() != nil {
		return
	}
	kind := "other"
	switch {
	case errors.Is(err, ErrNotReplicated):
		kind = "not replicated"
	case errors.Is(err, storage.ErrDuplicate):
		kind = "duplicate"
	case errors.Is(err, storage.ErrConflict):
		kind = "conflict"
	}
	w.mu.Lock()
	w.errs[kind]++
	w.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
}

// acked counts the acknowledged changes since t.
func (w *walk) acked(since time.Time) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	n := 0
	for _, at := range w.acks {
		if !at.Before(since) {
			n++
		}
	}
	return n
}

// waitAcked waits until n changes were acknowledged since t.
func (w *walk) waitAcked(tb testing.TB, since time.Time, n int, timeout time.Duration) {
	tb.Helper()
	deadline := time.Now().Add(timeout)
	for w.acked(since) < n {
		if time.Now().After(deadline) {
			tb.Fatalf("%d changes acknowledged in %v, want %d; errors %v", w.acked(since), timeout, n, w.errs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// verify checks that the store holds everything acknowledged: each ticket
// under its folio (not another's), at least at the acknowledged version,
// with its bitácora entries and its message; folios without gaps or
// repeats; every update marker.
func (w *walk) verify(tb testing.TB) {
	tb.Helper()
	ctx := context.Background()
	w.mu.Lock()
	defer w.mu.Unlock()
	all, err := w.s.Tickets(ctx, storage.TicketFilter{})
	if err != nil {
		tb.Fatalf("Tickets: %v", err)
	}
	byFolio := map[string]storage.Ticket{}
	var folios []string
	for _, t := range all {
		byFolio[t.Folio] = t
		folios = append(folios, t.Folio)
	}
	slices.Sort(folios)
	for i, f := range folios {
		if want := fmt.Sprintf("CT-%d-%04d", byFolio[f].Created.Year(), i+1); f != want {
			tb.Errorf("folio %d of %d is %s, want %s (a gap or a repeat)", i+1, len(folios), f, want)
		}
	}
	pending, err := w.s.ClaimOutbox(ctx, time.Now().Add(time.Hour), time.Minute, 1_000_000)
	if err != nil {
		tb.Fatalf("ClaimOutbox: %v", err)
	}
	messages := map[string]string{}
	for _, it := range pending {
		messages[it.ID] = string(it.Payload)
	}
	for folio, want := range w.tickets {
		t, ok := byFolio[folio]
		switch {
		case !ok:
			tb.Errorf("acknowledged ticket %s (%s) is lost", folio, want.key)
			continue
		case t.Fields["walk"] != want.key:
			tb.Errorf("folio %s holds %q, acknowledged for %q", folio, t.Fields["walk"], want.key)
		case t.Version < want.version:
			tb.Errorf("ticket %s is at version %d, acknowledged at %d", folio, t.Version, want.version)
		}
		log, err := w.s.Log(ctx, storage.LogFilter{Folio: folio})
		if err != nil {
			tb.Fatalf("Log %s: %v", folio, err)
		}
		var got []string
		for _, e := range log {
			got = append(got, e.Detail)
		}
		for _, d := range want.details {
			if !slices.Contains(got, d) {
				tb.Errorf("bitácora of %s lacks the acknowledged entry %q; has %q", folio, d, got)
			}
		}
		if m := messages["ob:"+want.key]; !strings.HasSuffix(m, " "+folio) {
			tb.Errorf("message of %s: got %q, want it to name %s", want.key, m, folio)
		}
	}
	for _, key := range w.seen {
		if _, err := w.s.Commit(ctx, storage.Change{Seen: key}); !errors.Is(err, storage.ErrDuplicate) {
			tb.Errorf("update marker %s: commit again got %v, want ErrDuplicate", key, err)
		}
	}
}
