// Package storetest is the contract suite that every storage.Store
// implementation must pass. An implementation's tests call Run with a
// Harness that opens fresh, empty stores.
package storetest

import (
	"testing"

	"ctdesk/storage"
)

// Harness opens stores for the contract suite.
type Harness struct {
	// Open returns a fresh, empty store; the harness closes it at test cleanup.
	Open func(t *testing.T) storage.Store
	// Restart closes s and returns a store over the same data (sqlite: reopen
	// the file; redis: restart the server with appendonly). The harness closes
	// the returned store at test cleanup too; the cleanup registered by Open
	// may then close s a second time and should ignore the error.
	Restart func(t *testing.T, s storage.Store) storage.Store
}

// Run runs the whole contract suite against the stores h opens, one t.Run
// subtest per topic.
func Run(t *testing.T, h Harness) {
	t.Helper()
	if h.Open == nil {
		t.Fatal("storetest: Harness.Open is nil")
	}
	topics := []struct {
		name string
		run  func(*testing.T, Harness)
	}{
		{"Ping", testPing},
		{"Folio", testFolio},
		{"FolioText", testFolioText},
		{"Commit", testCommit},
		{"Seen", testSeen},
		{"Marks", testMarks},
		{"Tickets", testTickets},
		{"Query", testQuery},
		{"Bitacora", testBitacora},
		{"Dialogs", testDialogs},
		{"Directory", testDirectory},
		{"Outbox", testOutbox},
		{"OutboxProgress", testOutboxProgress},
		{"OutboxQueue", testOutboxQueue},
		{"Files", testFiles},
		{"Plan", testPlan},
		{"Jobs", testJobs},
		{"Values", testValues},
		{"Expiry", testExpiry},
		{"Durability", testDurability},
		{"Backup", testBackup},
	}
	for _, tc := range topics {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, h) })
	}
}

func testPing(t *testing.T, h Harness) {
	s := h.Open(t)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: got %v, want nil", err)
	}
}
