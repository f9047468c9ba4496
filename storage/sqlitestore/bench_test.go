package sqlitestore_test

import (
	"errors"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"ctdesk/storage"
)

// cpuTime is the CPU (user + system) this process has used so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU runs the benchmark body and reports its process CPU per op.
func reportCPU(b *testing.B, body func()) {
	b.Helper()
	b.ReportAllocs()
	start := cpuTime(b)
	b.ResetTimer()
	body()
	b.StopTimer()
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime(b)-start)/float64(b.N), "cpu-ns/op")
	}
}

// seedPeople stores n people with a telegram account each.
func seedPeople(b *testing.B, s storage.Store, n int) {
	b.Helper()
	for i := range n {
		p := storage.Person{ID: "p" + strconv.Itoa(i), Name: "Persona " + strconv.Itoa(i), Role: storage.RoleUsuario,
			Area: "finanzas", Accounts: map[string]string{"telegram": strconv.Itoa(100000 + i)}}
		if err := s.PutPerson(b.Context(), p); err != nil {
			b.Fatalf("PutPerson: %v", err)
		}
	}
}

// BenchmarkCommitDialog is the store's part of a typical chat update: load
// the dialog, then commit the seen marker, the next dialog version and one
// outbox item.
func BenchmarkCommitDialog(b *testing.B) {
	s := MustOpen(b, filepath.Join(b.TempDir(), "ctdesk.db"))
	ctx := b.Context()
	const users = 200
	data := []byte(`{"svc":"correo","step":4,"answers":{"nombre":"Usuaria 0 Martínez","puesto":"Analista de presupuesto"}}`)
	payload := []byte(`{"text":"¿Cuál es tu área de adscripción?","buttons":[[{"label":"Dirección de Finanzas","code":"a1"}]]}`)
	now := time.Now()
	reportCPU(b, func() {
		for i := range b.N {
			person := "p" + strconv.Itoa(i%users)
			d, err := s.Dialog(ctx, person)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				b.Fatalf("Dialog: %v", err)
			}
			id := strconv.Itoa(i)
			_, err = s.Commit(ctx, storage.Change{
				Seen: "telegram:" + id, SeenTTL: 24 * time.Hour,
				Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: person, Data: data, Updated: now},
					Expect: d.Version, TTL: 24 * time.Hour}},
				Outbox: []storage.OutboxItem{{ID: "out:" + id, Recipient: person, Payload: payload, Created: now}},
			})
			if err != nil {
				b.Fatalf("Commit: %v", err)
			}
		}
	})
}

// BenchmarkUpdate adds to BenchmarkCommitDialog the lookup of the sender
// by account and a log entry, as the engine does on most steps.
func BenchmarkUpdate(b *testing.B) {
	s := MustOpen(b, filepath.Join(b.TempDir(), "ctdesk.db"))
	ctx := b.Context()
	const users = 200
	seedPeople(b, s, users)
	data := []byte(`{"svc":"correo","step":4,"answers":{"nombre":"Usuaria 0 Martínez","puesto":"Analista de presupuesto"}}`)
	payload := []byte(`{"text":"¿Cuál es tu área de adscripción?","buttons":[[{"label":"Dirección de Finanzas","code":"a1"}]]}`)
	now := time.Now()
	reportCPU(b, func() {
		for i := range b.N {
			p, err := s.PersonByAccount(ctx, "telegram", strconv.Itoa(100000+i%users))
			if err != nil {
				b.Fatalf("PersonByAccount: %v", err)
			}
			d, err := s.Dialog(ctx, p.ID)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				b.Fatalf("Dialog: %v", err)
			}
			id := strconv.Itoa(i)
			_, err = s.Commit(ctx, storage.Change{
				Seen: "telegram:" + id, SeenTTL: 24 * time.Hour,
				Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: p.ID, Data: data, Updated: now},
					Expect: d.Version, TTL: 24 * time.Hour}},
				Log:    []storage.LogEntry{{At: now, Who: p.ID, Action: "paso"}},
				Outbox: []storage.OutboxItem{{ID: "out:" + id, Recipient: p.ID, Payload: payload, Created: now}},
			})
			if err != nil {
				b.Fatalf("Commit: %v", err)
			}
		}
	})
}

// BenchmarkOutboxCycle claims one item, acks it, and enqueues the next, as
// the dispatcher does per message.
func BenchmarkOutboxCycle(b *testing.B) {
	s := MustOpen(b, filepath.Join(b.TempDir(), "ctdesk.db"))
	ctx := b.Context()
	now := time.Now()
	payload := []byte(`{"text":"Recordatorio"}`)
	reportCPU(b, func() {
		for i := range b.N {
			id := "out:" + strconv.Itoa(i)
			if _, err := s.Commit(ctx, storage.Change{Outbox: []storage.OutboxItem{{ID: id, Recipient: "p0",
				Payload: payload, Created: now}}}); err != nil {
				b.Fatalf("Commit: %v", err)
			}
			items, err := s.ClaimOutbox(ctx, now, time.Minute, 1)
			if err != nil || len(items) != 1 {
				b.Fatalf("ClaimOutbox: %d items, %v", len(items), err)
			}
			if err := s.AckOutbox(ctx, items[0].ID); err != nil {
				b.Fatalf("AckOutbox: %v", err)
			}
		}
	})
}
