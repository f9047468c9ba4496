package sqlitestore

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestClaimWalksTheIndex: both steps of a claim look up the outbox through
// its (visible_at, seq) index, from where they start, with no scan of the
// table and no sort, so the items queued or in flight do not make a claim
// dearer.
func TestClaimWalksTheIndex(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "ctdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Now().UnixNano()
	for _, q := range []struct {
		name  string
		query string
		args  []any
	}{
		{"due", qOutboxDue, []any{now}},
		{"claim", qOutboxClaim, []any{now + int64(time.Minute), 100}},
	} {
		rows, err := s.w.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+q.query, q.args...)
		if err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatalf("%s: %v", q.name, err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		text := strings.Join(plan, "; ")
		if !strings.Contains(text, "outbox_visible (visible_at") || strings.Contains(text, "SCAN outbox") || strings.Contains(text, "TEMP B-TREE") {
			t.Errorf("%s: plan %q; want a search of outbox_visible, no scan, no sort", q.name, text)
		}
		t.Logf("%s: %s", q.name, text)
	}
}
