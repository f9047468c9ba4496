package conversations_test

import (
	"context"
	"testing"

	"ctdesk/conversations/convtest"
)

// TestPersonByAccountFollowsPutPerson: the engine's cached directory answers
// who is behind an account, and a person saved through the engine is seen
// at once, so a platform switch recorded a moment ago is not undone.
func TestPersonByAccountFollowsPutPerson(t *testing.T) {
	st := convtest.SQLite(t)
	e := newEngine(t, st, convtest.NewClock(start))
	ctx := context.Background()
	p, err := e.PersonByAccount(ctx, "telegram", "2001")
	if err != nil || p.ID != "luis" {
		t.Fatalf("telegram 2001 = %q, %v; want luis", p.ID, err)
	}
	p.Platform = "slack"
	if err := e.PutPerson(ctx, p); err != nil {
		t.Fatal(err)
	}
	if q, _ := e.PersonByAccount(ctx, "telegram", "2001"); q.Platform != "slack" {
		t.Errorf("cached platform = %q right after saving slack", q.Platform)
	}
	if q, _ := st.Person(ctx, "luis"); q.Platform != "slack" {
		t.Errorf("stored platform = %q, want slack", q.Platform)
	}
	if _, err := e.PersonByAccount(ctx, "telegram", "999"); err == nil {
		t.Error("an unknown account was found")
	}
}
