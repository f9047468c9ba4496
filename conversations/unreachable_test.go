package conversations_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestUnreachableTellsCoordinatorOnce: a message about a ticket that could
// not reach luis makes the coordinator read, once, who and which ticket;
// the ticket's bitácora records it.
func TestUnreachableTellsCoordinatorOnce(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			convtest.Seed(t, st)
			e, err := conversations.New(conversations.Config{Location: convtest.Location()}, st, conversations.DefaultServices()...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			m := conversations.Message{To: "luis", Text: "Rosa Díaz pide tu visto bueno para CT-2026-0007",
				Buttons: [][]conversations.Button{{{Label: "Aprobar", Code: "a:CT-2026-0007:aprobar:1"}}}}
			for range 3 {
				if err := e.Unreachable(ctx, "luis", m); err != nil {
					t.Fatal(err)
				}
			}
			items, err := st.ClaimOutbox(ctx, time.Now(), time.Minute, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) != 1 || items[0].Recipient != "ana" {
				t.Fatalf("outbox holds %d messages (%+v), want one for ana", len(items), items)
			}
			got, err := e.Decode(ctx, items[0].Payload)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got.Text, "Luis Pérez") || !strings.Contains(got.Text, "CT-2026-0007") {
				t.Errorf("ana reads %q, want who and which ticket", got.Text)
			}
			log, err := st.Log(ctx, storage.LogFilter{Folio: "CT-2026-0007"})
			if err != nil {
				t.Fatal(err)
			}
			if len(log) != 1 || log[0].Action != "aviso_no_entregado" || !strings.Contains(log[0].Detail, "Luis Pérez") {
				t.Errorf("bitácora of CT-2026-0007 = %+v, want one aviso_no_entregado naming Luis Pérez", log)
			}
		})
	}
}
