package conversations_test

import (
	"context"
	"maps"
	"strings"
	"testing"

	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// leakyStore keeps the temporary password in every ticket that waits for
// the holder's signature, as a procedure that stored it would.
type leakyStore struct{ storage.Store }

func (s leakyStore) Commit(ctx context.Context, c storage.Change) (storage.Committed, error) {
	c.Tickets = append([]storage.TicketWrite(nil), c.Tickets...)
	for i, w := range c.Tickets {
		if w.Ticket.Status == "por_firmar" {
			c.Tickets[i].Ticket.Fields = maps.Clone(w.Ticket.Fields)
			c.Tickets[i].Ticket.Fields["nota"] = "contraseña " + testPassword
		}
	}
	return s.Store.Commit(ctx, c)
}

// TestLeakCheckFindsPasswordInTicket: the check the transcripts end with
// finds a password a correo alta left in its ticket, on both stores.
func TestLeakCheckFindsPasswordInTicket(t *testing.T) {
	want := map[string]string{"sqlite": "tickets row", "redis": ":t:CT-"}
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			replay(t, leakyStore{st}, inputs(t, "testdata/correo_alta.txt"))
			found := convtest.FindSecret(t, st, testPassword)
			if !strings.Contains(strings.Join(found, "\n"), want[name]) {
				t.Errorf("the password kept in the ticket was not found; found %q, want a place with %q", found, want[name])
			}
		})
	}
}
