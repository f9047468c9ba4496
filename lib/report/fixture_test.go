package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"ctdesk/storage"
)

func mustLoc(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		tb.Fatalf("load location: %v", err)
	}
	return loc
}

// fixture is the third quarter of 2026, tickets and expected figures worked
// out by hand (see TestCompute).
func fixture(tb testing.TB) []storage.Ticket {
	tb.Helper()
	loc := mustLoc(tb)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, loc) }
	dates := func(days ...time.Time) []storage.CommittedDate {
		var out []storage.CommittedDate
		for _, d := range days {
			out = append(out, storage.CommittedDate{Date: d, By: "beto"})
		}
		return out
	}
	day := func(m time.Month, d int) time.Time { return at(m, d, 0, 0) }
	photo := func(id, name string, when time.Time) storage.Attachment {
		return storage.Attachment{FileID: id, Name: name, Photo: true, By: "beto", At: when, ForReport: true}
	}
	rated := func(score int, comment string, when time.Time) *storage.Rating {
		return &storage.Rating{Score: score, Comment: comment, By: "rosa", At: when}
	}
	closed := storage.StatusClosed
	return []storage.Ticket{
		// Previous quarter: ignored.
		{Folio: "CT-2026-0099", Service: "mantenimiento", Area: "finanzas", Status: closed,
			Created: at(6, 30, 23, 0), Closed: at(7, 2, 10, 0)},
		// mantenimiento: requested, closed the day before its date: on time.
		{Folio: "CT-2026-0101", Service: "mantenimiento", Area: "finanzas", Requester: "rosa", Status: closed,
			Created: at(7, 2, 9, 0), Dates: dates(day(7, 10)), Closed: at(7, 9, 15, 0),
			Rating: rated(5, "Muy rápido, gracias.", at(7, 9, 16, 0)),
			Attachments: []storage.Attachment{
				withCaption(photo("f-jpeg", "equipo.jpg", at(7, 9, 14, 0)), "Equipo de cómputo de cajas, ya reparado"),
				{FileID: "f-doc", Name: "oficio.pdf", By: "rosa", At: at(7, 2, 9, 0)},
				// A photo not marked for the report, and the same photo marked twice.
				{FileID: "f-draft", Name: "boceto.png", Photo: true, By: "beto", At: at(7, 9, 14, 0)},
				photo("f-jpeg", "equipo.jpg", at(7, 9, 14, 1)),
			}},
		// mantenimiento: requested, rescheduled once, closed on its last date: on time.
		{Folio: "CT-2026-0102", Service: "mantenimiento", Area: "rectoria", Requester: "luis", Status: closed,
			Created: at(7, 6, 11, 0), Dates: dates(day(7, 13), day(7, 20)), Closed: at(7, 20, 18, 0),
			Rating:      rated(3, "", at(7, 21, 9, 0)),
			Attachments: []storage.Attachment{photo("f-png", "pantalla.png", at(7, 20, 17, 0))}},
		// mantenimiento: programmed, closed two days late.
		{Folio: "CT-2026-0103", Service: "mantenimiento", Area: "finanzas", Requester: "ana", Status: closed, Programmed: true,
			Created: at(8, 1, 8, 0), Dates: dates(day(8, 5)), Closed: at(8, 7, 12, 0)},
		// mantenimiento: programmed, still open.
		{Folio: "CT-2026-0104", Service: "mantenimiento", Area: "finanzas", Requester: "ana", Status: "diagnosticado", Programmed: true,
			Created: at(9, 20, 8, 0), Dates: dates(day(10, 2)),
			Attachments: []storage.Attachment{
				photo("f-bad", "rota.jpg", at(9, 21, 9, 0)),
				photo("f-gone", "perdida.jpg", at(9, 21, 9, 5)),
			}},
		// web: requested, no committed date, closed: on time.
		{Folio: "CT-2026-0105", Service: "web", Area: "rectoria", Requester: "luis", Status: closed,
			Created: at(7, 3, 10, 0), Closed: at(7, 4, 10, 0), Rating: rated(4, "Quedó bien publicada.", at(7, 5, 9, 0)),
			// A copy of 0101's photo, marked again on another ticket.
			Attachments: []storage.Attachment{photo("f-copy", "equipo (copia).jpg", at(7, 4, 10, 0))}},
		// web: rejected.
		{Folio: "CT-2026-0106", Service: "web", Area: "finanzas", Requester: "rosa", Status: storage.StatusRejected,
			Created: at(8, 10, 10, 0)},
		// correo: closed late in the evening of its committed day: on time.
		{Folio: "CT-2026-0107", Service: "correo", Area: "finanzas", Requester: "rosa", Status: closed,
			Created: at(7, 15, 10, 0), Dates: dates(day(7, 16)), Closed: at(7, 16, 23, 30)},
		// correo: created in the last half hour of the quarter, closed after it: pending.
		{Folio: "CT-2026-0108", Service: "correo", Area: "finanzas", Requester: "rosa", Status: closed,
			Created: at(9, 30, 23, 30), Closed: at(10, 2, 9, 0)},
		// diseno: cancelled.
		{Folio: "CT-2026-0109", Service: "diseno", Area: "rectoria", Requester: "luis", Status: storage.StatusCancelled,
			Created: at(9, 1, 9, 0)},
		// diseno: rescheduled twice, closed after its last date: late.
		{Folio: "CT-2026-0110", Service: "diseno", Area: "rectoria", Requester: "luis", Status: closed,
			Created: at(9, 5, 9, 0), Dates: dates(day(9, 10), day(9, 15), day(9, 18)), Closed: at(9, 21, 10, 0)},
		// control-escolar: open.
		{Folio: "CT-2026-0111", Service: "control-escolar", Area: "escolares", Requester: "rosa", Status: "en desarrollo",
			Created: at(9, 1, 12, 0)},
		// mantenimiento: programmed, cancelled: outside the base.
		{Folio: "CT-2026-0113", Service: "mantenimiento", Area: "finanzas", Requester: "ana", Status: storage.StatusCancelled, Programmed: true,
			Created: at(9, 2, 7, 30)},
		// web: still waiting for Rectoría's visto bueno: not yet requested.
		{Folio: "CT-2026-0114", Service: "web", Area: "finanzas", Requester: "rosa", Status: "por_autorizar",
			Created: at(9, 10, 10, 0), History: []storage.Transition{{At: at(9, 10, 10, 0), To: "por_autorizar", Action: "solicitar"}}},
		// web: waiting for its visto bueno when the quarter ended, approved
		// on 2 Oct: not requested in this quarter.
		{Folio: "CT-2026-0115", Service: "web", Area: "finanzas", Requester: "rosa", Status: "recibida",
			Created: at(9, 29, 10, 0), History: []storage.Transition{
				{At: at(9, 29, 10, 0), To: "por_autorizar", Action: "solicitar"},
				{At: at(10, 2, 9, 0), From: "por_autorizar", To: "recibida", Action: "autorizar"},
			}},
		// Next quarter: ignored.
		{Folio: "CT-2026-0112", Service: "web", Area: "finanzas", Requester: "rosa", Status: "recibido",
			Created: at(10, 1, 0, 0)},
	}
}

// withCaption sets a photo's caption.
func withCaption(a storage.Attachment, caption string) storage.Attachment {
	a.Caption = caption
	return a
}

// awaiting is the services' rule in the fixture: a visto bueno is awaited
// in por_aprobar and por_autorizar.
func awaiting(_, status string) bool { return status == "por_aprobar" || status == "por_autorizar" }

// plan is the CT-RG.01 of the fixture's quarter.
func plan(tb testing.TB) []storage.PlanItem {
	loc := mustLoc(tb)
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, loc) }
	return []storage.PlanItem{
		// Done, committed for 5 Aug: rescheduled.
		{ID: "pm-1", Area: "finanzas", Equipment: "Impresora de cajas", Planned: day(8, 1), Tecnico: "beto", Folio: "CT-2026-0103"},
		// Cancelled.
		{ID: "pm-2", Area: "finanzas", Equipment: "Conmutador", Planned: day(9, 2), Tecnico: "beto", Folio: "CT-2026-0113"},
		// Open, committed for 2 Oct: pending and rescheduled.
		{ID: "pm-3", Area: "finanzas", Equipment: "Servidor", Planned: day(9, 20), Tecnico: "beto", Folio: "CT-2026-0104"},
		// Not opened: pending.
		{ID: "pm-4", Area: "rectoria", Equipment: "Proyector de la sala", Planned: day(9, 28), Tecnico: "beto"},
	}
}

// labels names codes in a way a test can tell from the codes.
type labels struct{}

func (labels) Status(_, status string) string { return "«" + status + "»" }
func (labels) Action(_, action string) string { return "hecho: " + action }
func (labels) Role(role string) string        { return role }

// fakeSource is an in-memory Source.
type fakeSource struct {
	tickets []storage.Ticket
	log     []storage.LogEntry
	files   map[string]storage.File
	plan    []storage.PlanItem
}

func (s *fakeSource) PlanItems(_ context.Context, from, to time.Time) ([]storage.PlanItem, error) {
	var out []storage.PlanItem
	for _, it := range s.plan {
		if !it.Planned.Before(from) && it.Planned.Before(to) {
			out = append(out, it)
		}
	}
	return out, nil
}

func (s *fakeSource) Tickets(_ context.Context, f storage.TicketFilter) ([]storage.Ticket, error) {
	var out []storage.Ticket
	for i := range s.tickets {
		if f.Match(&s.tickets[i]) {
			out = append(out, s.tickets[i])
		}
	}
	return out, nil
}

func (s *fakeSource) Log(_ context.Context, f storage.LogFilter) ([]storage.LogEntry, error) {
	var out []storage.LogEntry
	for i := range s.log {
		if f.Match(&s.log[i]) {
			out = append(out, s.log[i])
		}
	}
	return out, nil
}

func (s *fakeSource) File(_ context.Context, id string) (storage.File, error) {
	f, ok := s.files[id]
	if !ok {
		return storage.File{}, fmt.Errorf("fake: file %s: %w", id, storage.ErrNotFound)
	}
	return f, nil
}

func mustSource(tb testing.TB) *fakeSource {
	tb.Helper()
	loc := mustLoc(tb)
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, loc) }
	return &fakeSource{
		tickets: fixture(tb),
		plan:    plan(tb),
		log: []storage.LogEntry{
			{Seq: 1, At: at(6, 30), Action: "ticket.creado"}, // previous quarter
			{Seq: 2, At: at(7, 2), Action: "ticket.creado"},
			{Seq: 3, At: at(7, 6), Action: "ticket.creado"},
			{Seq: 4, At: at(7, 9), Action: "ticket.cerrado"},
			{Seq: 5, At: at(7, 15), Action: "ticket.creado"},
			{Seq: 6, At: at(7, 16), Action: "firma.responsabilidad"},
			{Seq: 7, At: at(7, 20), Action: "ticket.cerrado"},
			{Seq: 8, At: at(10, 2), Action: "ticket.cerrado"}, // next quarter
		},
		files: map[string]storage.File{
			"f-jpeg":  {ID: "f-jpeg", Data: mustImage(tb, "jpeg", 64, 48)},
			"f-copy":  {ID: "f-copy", Data: mustImage(tb, "jpeg", 64, 48)},
			"f-draft": {ID: "f-draft", Data: mustImage(tb, "png", 30, 30)},
			"f-png":   {ID: "f-png", Data: mustImage(tb, "png", 40, 40)},
			"f-bad":   {ID: "f-bad", Data: []byte("esto no es una imagen")},
			"f-doc":   {ID: "f-doc", Data: []byte("%PDF-1.4")},
		},
	}
}

func mustImage(tb testing.TB, format string, w, h int) []byte {
	tb.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(4 * x), G: uint8(4 * y), B: 160, A: 255})
		}
	}
	var buf bytes.Buffer
	var err error
	if format == "png" {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, nil)
	}
	if err != nil {
		tb.Fatalf("encode %s: %v", format, err)
	}
	return buf.Bytes()
}
