package panel_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/lib/signin"
	"ctdesk/panel"
	"ctdesk/storage"
)

// BenchmarkQueue measures the server time of the queue page over 20,000
// tickets (years of a university's requests), on each store: the page as
// the coordinator opens it, a page deep in the list, a search by serial
// number, a technician's filter, and a requester's own list. The goal is
// at most 100 ms per page.
//
//	go test -run '^$' -bench Queue ./panel/
func BenchmarkQueue(b *testing.B) {
	for name, open := range convtest.Stores() {
		b.Run(name, func(b *testing.B) {
			st := open(b)
			convtest.Seed(b, st)
			seedTickets(b, st, 20000)
			eng, err := conversations.New(conversations.Config{Institution: "UPE", Location: convtest.Location()}, st, conversations.DefaultServices()...)
			if err != nil {
				b.Fatal(err)
			}
			p, err := panel.New(panel.Config{Engine: eng, Store: st, Institution: "UPE"})
			if err != nil {
				b.Fatal(err)
			}
			ana := session(b, st, "ana")
			rosa := session(b, st, "rosa")
			// The first query of a Redis store indexes what was written before
			// the listing indexes existed (here: nothing, but it looks once).
			warm := httptest.NewRequest(http.MethodGet, "/panel/", nil)
			warm.AddCookie(&http.Cookie{Name: "ctdesk_panel", Value: ana})
			p.ServeHTTP(httptest.NewRecorder(), warm)
			for _, page := range []struct{ name, query, cookie string }{
				{"open", "", ana},
				{"all-deep", "?estado=todas&pagina=400", ana},
				{"search-serial", "?estado=todas&q=SN-1234", ana},
				{"search-name", "?estado=todas&q=rosa+diaz", ana},
				{"tecnico-overdue", "?estado=vencidas&tecnico=beto&orden=fecha", ana},
				{"requester", "?estado=todas", rosa},
			} {
				b.Run(page.name, func(b *testing.B) {
					req := httptest.NewRequest(http.MethodGet, "/panel/"+page.query, nil)
					req.AddCookie(&http.Cookie{Name: "ctdesk_panel", Value: page.cookie})
					for b.Loop() {
						w := httptest.NewRecorder()
						p.ServeHTTP(w, req)
						if w.Code != http.StatusOK {
							b.Fatalf("status %d", w.Code)
						}
					}
				})
			}
		})
	}
}

func session(b *testing.B, st storage.Store, person string) string {
	s, err := signin.Open(context.Background(), st, person, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return s.ID
}

// seedTickets writes n tickets over three years, 500 per commit, most of
// them closed, with the fields and dates a real queue has.
func seedTickets(b *testing.B, st storage.Store, n int) {
	rng := rand.New(rand.NewPCG(1, 2))
	services := []string{"mantenimiento", "web", "correo", "diseno", "control-escolar"}
	open := []string{"recibida", "en_diagnostico", "en_reparacion", "por_aprobar"}
	areas := []string{"finanzas", "tecnologias", "rectoria"}
	requesters := []string{"rosa", "luis", "rect"}
	for i := range 50 {
		requesters = append(requesters, fmt.Sprintf("persona%02d", i))
	}
	start := time.Now().AddDate(-3, 0, 0)
	var c storage.Change
	for i := range n {
		created := start.Add(time.Duration(i) * 3 * 365 * 24 * time.Hour / time.Duration(n))
		tk := storage.Ticket{
			Folio: fmt.Sprintf("CT-%d-%04d", created.Year(), i+1), Service: services[rng.IntN(len(services))],
			Requester: requesters[rng.IntN(len(requesters))], Area: areas[rng.IntN(len(areas))], Status: storage.StatusClosed,
			Created: created, Updated: created.Add(48 * time.Hour),
			Fields: map[string]string{"equipo": "impresora", "inventario": fmt.Sprintf("SN-%d", 10000+i),
				"ubicacion": "Edificio B, oficina 2", "falla": "No enciende y marca un error de papel atascado en la bandeja dos"},
			History: []storage.Transition{{At: created, By: "rosa", To: "recibida", Action: "solicitar"}},
		}
		if rng.IntN(10) < 3 || i > n-500 {
			tk.Status = open[rng.IntN(len(open))]
		}
		if tk.Status != "recibida" && tk.Status != "por_aprobar" {
			tk.Assignee = []string{"ana", "beto"}[rng.IntN(2)]
			tk.Dates = []storage.CommittedDate{{Date: created.AddDate(0, 0, 5), By: tk.Assignee, At: created}}
		}
		c.Tickets = append(c.Tickets, storage.TicketWrite{Ticket: tk})
		if len(c.Tickets) == 500 || i == n-1 {
			if _, err := st.Commit(context.Background(), c); err != nil {
				b.Fatal(err)
			}
			c = storage.Change{}
		}
	}
}
