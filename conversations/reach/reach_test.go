package reach_test

import (
	"context"
	"testing"

	"ctdesk/conversations/convtest"
	"ctdesk/conversations/reach"
)

// TestMarksAcrossReplicas: a person marked as not reached by one replica
// is so for another, on both stores, until a message reaches them.
func TestMarksAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			one := reach.New(st)
			if on, err := one.Unreached(ctx, "rosa"); err != nil || on {
				t.Fatalf("nobody marked: Unreached = %v, %v", on, err)
			}
			if err := one.Mark(ctx, "rosa"); err != nil {
				t.Fatal(err)
			}
			if on, err := reach.New(st).Unreached(ctx, "rosa"); err != nil || !on {
				t.Errorf("another replica reads Unreached = %v, %v; want true", on, err)
			}
			if on, _ := reach.New(st).Unreached(ctx, "luis"); on {
				t.Error("luis was never marked")
			}
			if err := reach.New(st).Reached(ctx, "rosa"); err != nil {
				t.Fatal(err)
			}
			if on, err := reach.New(st).Unreached(ctx, "rosa"); err != nil || on {
				t.Errorf("reached again, another replica reads Unreached = %v, %v; want false", on, err)
			}
		})
	}
}
