package redisstore

import (
	"strconv"
	"testing"

	"ctdesk/storage"
)

// BenchmarkCommit measures one typical update's commit: seen marker, dialog
// save, ticket update with its indexes, a bitácora line and a message.
func BenchmarkCommit(b *testing.B) {
	s, cnt := openCounted(b)
	ctx := b.Context()
	out, err := s.Commit(ctx, update(-1, 0, newTicket(), 0))
	if err != nil {
		b.Fatalf("Commit: %v", err)
	}
	tk, err := s.Ticket(ctx, out.Folio)
	if err != nil {
		b.Fatalf("Ticket: %v", err)
	}
	statuses := []string{"recibido", "diagnosticado", "en-proceso"}
	b.ReportAllocs()
	b.ResetTimer()
	start := cnt.n.Load()
	for i := range b.N {
		tk.Status = statuses[i%len(statuses)]
		c := update(i, int64(i+1), tk, tk.Version)
		c.Log[0].Folio = tk.Folio
		if _, err := s.Commit(ctx, c); err != nil {
			b.Fatalf("Commit %d: %v", i, err)
		}
		tk.Version++
	}
	b.ReportMetric(float64(cnt.n.Load()-start)/float64(b.N), "roundtrips/op")
}

// BenchmarkDialogLoad measures loading a person's dialog.
func BenchmarkDialogLoad(b *testing.B) {
	s, cnt := openCounted(b)
	ctx := b.Context()
	for i := range 100 {
		_, err := s.Commit(ctx, storage.Change{Dialogs: []storage.DialogWrite{{
			Dialog: storage.Dialog{Person: "p" + strconv.Itoa(i), Data: make([]byte, 300)}, TTL: 3600e9}}})
		if err != nil {
			b.Fatalf("Commit: %v", err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cnt.n.Load()
	for i := range b.N {
		if _, err := s.Dialog(ctx, "p"+strconv.Itoa(i%100)); err != nil {
			b.Fatalf("Dialog: %v", err)
		}
	}
	b.ReportMetric(float64(cnt.n.Load()-start)/float64(b.N), "roundtrips/op")
}
