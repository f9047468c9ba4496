package storetest

import (
	"bytes"
	"errors"
	"iter"
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

// testBackup checks that Export and Restore carry every record from one
// store to another, and that the restored store goes on where the first
// one was: the next folio, the outbox order, the indexes behind lookups.
func testBackup(t *testing.T, h Harness) {
	t.Run("round trip", func(t *testing.T) {
		src := h.Open(t)
		ctx := t.Context()
		fill(t, src)
		recs := export(t, src)
		kinds := map[string]int{}
		for _, r := range recs {
			kinds[r.Kind()]++
		}
		for kind, want := range map[string]int{"area": 1, "person": 2, "plan": 2, "folio": 2, "ticket": 3,
			"log": 3, "outbox": 3, "dialog": 1, "job": 1, "value": 2, "file": 2} {
			if kinds[kind] != want {
				t.Errorf("Export: %d %s records, want %d", kinds[kind], kind, want)
			}
		}

		dst := h.Open(t)
		MustCreateTicket(t, dst, ticket(base.AddDate(1, 0, 0))) // replaced by the restore
		if holds, err := dst.HoldsRecords(ctx); err != nil || !holds {
			t.Errorf("HoldsRecords with a ticket: got %v, %v; want true", holds, err)
		}
		noErr(t, "Restore", dst.Restore(ctx, seq(recs, nil)))
		again := export(t, dst)
		sameJSON(t, "records after the round trip", stable(again), stable(recs))
		for i := range min(len(again), len(recs)) {
			if d, w := again[i].Dialog, recs[i].Dialog; d != nil && w != nil && d.Expires.Sub(w.Expires).Abs() > 10*time.Second {
				t.Errorf("dialog expiry: got %v, want about %v", d.Expires, w.Expires)
			}
		}
		afterRestore(t, dst)
	})

	t.Run("holds records", func(t *testing.T) {
		s := h.Open(t)
		ctx := t.Context()
		noErr(t, "PutArea", s.PutArea(ctx, storage.Area{ID: "finanzas", Name: "Finanzas", Supervisor: "luis"}))
		noErr(t, "PutPerson", s.PutPerson(ctx, storage.Person{ID: "luis", Name: "Luis", Role: storage.RoleSupervisor, Area: "finanzas"}))
		if holds, err := s.HoldsRecords(ctx); err != nil || holds {
			t.Errorf("HoldsRecords with only the directory: got %v, %v; want false", holds, err)
		}
		_, err := s.PutFile(ctx, storage.File{ID: "f1", Name: "a.txt", Data: []byte("a"), Created: base})
		noErr(t, "PutFile", err)
		if holds, err := s.HoldsRecords(ctx); err != nil || !holds {
			t.Errorf("HoldsRecords with a file: got %v, %v; want true", holds, err)
		}
	})

	t.Run("broken input", func(t *testing.T) {
		src := h.Open(t)
		fill(t, src)
		recs := export(t, src)
		dst := h.Open(t)
		broken := errors.New("archivo cortado")
		if err := dst.Restore(t.Context(), seq(recs[:5], broken)); !errors.Is(err, broken) {
			t.Errorf("Restore of a broken sequence: got %v, want it to wrap the sequence's error", err)
		}
	})
}

// fill puts one or more of every kind of record in s.
func fill(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := t.Context()
	noErr(t, "PutArea", s.PutArea(ctx, storage.Area{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "luis"}))
	MustCommit(t, s, storage.Change{People: []storage.Person{
		{ID: "rosa", Name: "Rosa Díaz", Role: storage.RoleUsuario, Area: "finanzas", Language: "es", Position: "Analista",
			Accounts: map[string]string{"telegram": "2002", "console": "rosa"}, Platform: "telegram"},
		{ID: "beto", Name: "Beto Ruiz", Role: storage.RoleTecnico, Area: "tecnologias", Accounts: map[string]string{"slack": "U02BETO"}},
	}})
	noErr(t, "PutPlanItems", s.PutPlanItems(ctx,
		storage.PlanItem{ID: "p1", Area: "finanzas", Equipment: "Impresora", Planned: base.AddDate(0, 1, 0), Tecnico: "beto", Imported: base, By: "ana"},
		storage.PlanItem{ID: "p2", Area: "finanzas", Equipment: "Red", Planned: base.AddDate(0, 2, 0), Tecnico: "beto", Imported: base, By: "ana", Folio: "CT-2026-0002"}))
	old := MustCreateTicket(t, s, ticket(base.AddDate(-1, 0, 0)))
	tk := MustCreateTicket(t, s, ticket(base))
	tk.Status, tk.Assignee = "en_reparacion", "beto"
	tk.History = append(tk.History, storage.Transition{At: base.Add(time.Hour), By: "beto", Role: storage.RoleTecnico, From: "recibido", To: "en_reparacion", Action: "tomar"})
	tk.Attachments = []storage.Attachment{{FileID: "foto", Name: "falla.jpg", MIME: "image/jpeg", Size: 4, Photo: true, By: "rosa", At: base}}
	MustUpdateTicket(t, s, tk, tk.Version)
	MustCreateTicket(t, s, ticket(base.Add(time.Minute)))
	noErr(t, "AppendLog", s.AppendLog(ctx,
		storage.LogEntry{At: base, Who: "rosa", Role: storage.RoleUsuario, Folio: tk.Folio, Action: "solicitud", Detail: "creó " + tk.Folio},
		storage.LogEntry{At: base.Add(time.Hour), Who: "beto", Role: storage.RoleTecnico, Folio: tk.Folio, Action: "tomar"},
		storage.LogEntry{At: base.Add(2 * time.Hour), Who: "cli", Role: storage.RoleCoordinador, Action: "programa_importado", Detail: old.Folio}))
	for _, f := range []storage.File{
		{ID: "foto", Name: "falla.jpg", MIME: "image/jpeg", Size: 4, Data: []byte{0xff, 0xd8, 0, 0xd9}, Created: base},
		{ID: "oficio", Name: "oficio.pdf", MIME: "application/pdf", Size: 5, Data: []byte("%PDF\n"), Created: base},
	} {
		_, err := s.PutFile(ctx, f)
		noErr(t, "PutFile", err)
	}
	now := time.Now().Truncate(time.Millisecond)
	MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("m1", now), item("m2", now), item("m3", now)},
		Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa", Data: []byte(`{"step":"falla"}`), Updated: now}, TTL: time.Hour}}})
	noErr(t, "RetryOutbox", s.RetryOutbox(ctx, "m2", now.Add(-time.Second), "429 demasiadas"))
	noErr(t, "ProgressOutbox", s.ProgressOutbox(ctx, "m3", 2))
	noErr(t, "SetLastRun", s.SetLastRun(ctx, "resumen", base))
	noErr(t, "SetValue", s.SetValue(ctx, "dprg02:delivered:2026Q1", []byte(`{"by":"ana"}`), 0))
	noErr(t, "SetValue", s.SetValue(ctx, "telegram:offset", []byte("41"), time.Hour))
	if _, err := s.MarkSeen(ctx, "tg:1", time.Hour); err != nil {
		t.Fatalf("MarkSeen: %v", err)
	}
}

// afterRestore checks that a store restored from fill's records works on.
func afterRestore(t *testing.T, s storage.Store) {
	t.Helper()
	ctx := t.Context()
	if next := MustCreateTicket(t, s, ticket(base.Add(time.Hour))); next.Folio != folio(2026, 3) {
		t.Errorf("next folio after the restore: got %s, want %s", next.Folio, folio(2026, 3))
	}
	if p, err := s.PersonByAccount(ctx, "telegram", "2002"); err != nil || p.ID != "rosa" {
		t.Errorf("PersonByAccount(telegram 2002): got %q, %v; want rosa", p.ID, err)
	}
	if got, err := s.Tickets(ctx, storage.TicketFilter{Assignee: "beto", Statuses: []string{"en_reparacion"}}); err != nil || len(got) != 1 || got[0].Folio != folio(2026, 1) {
		t.Errorf("Tickets of beto en_reparacion: got %v, %v; want [%s]", folios(got), err, folio(2026, 1))
	}
	// The listing indexes come back with the tickets.
	page, err := s.QueryTickets(ctx, storage.TicketQuery{Scope: storage.TicketScope{Assignee: "beto"},
		Search: storage.TicketSearch{Words: []string{"impresora"}}, Sort: storage.SortUpdated})
	if err != nil || page.Total != 1 || page.Tickets[0].Folio != folio(2026, 1) {
		t.Errorf("QueryTickets after the restore: got %+v, %v; want %s", page, err, folio(2026, 1))
	}
	if got, err := s.Log(ctx, storage.LogFilter{From: base, To: base.Add(90 * time.Minute)}); err != nil || len(got) != 2 {
		t.Errorf("Log of the period after the restore: got %d entries, %v; want 2", len(got), err)
	}
	if got, err := s.Log(ctx, storage.LogFilter{Folio: folio(2026, 1)}); err != nil || len(got) != 2 {
		t.Errorf("Log of %s: got %d entries, %v; want 2", folio(2026, 1), len(got), err)
	}
	items := claim(t, s, time.Now(), 10)
	if g := ids(items); !slices.Equal(g, []string{"m1", "m2", "m3"}) {
		t.Errorf("outbox after the restore: claimed %v, want [m1 m2 m3]", g)
	} else if items[1].Attempts != 1 || items[1].LastError != "429 demasiadas" {
		t.Errorf("retried item: attempts %d, error %q; want 1, «429 demasiadas»", items[1].Attempts, items[1].LastError)
	} else if items[2].Sent != 2 {
		t.Errorf("item with two calls made: Sent %d after the restore, want 2 (a restore must not send its first parts again)", items[2].Sent)
	}
	MustCommit(t, s, storage.Change{Outbox: []storage.OutboxItem{item("m4", time.Now())}})
	if got := claim(t, s, time.Now(), 10); len(got) != 1 || got[0].ID != "m4" || got[0].Seq <= items[2].Seq {
		t.Errorf("a message queued after the restore: got %v, want m4 after Seq %d", got, items[2].Seq)
	}
	if d, err := s.Dialog(ctx, "rosa"); err != nil || d.Version != 1 || string(d.Data) != `{"step":"falla"}` {
		t.Errorf("Dialog(rosa): got %+v, %v", d, err)
	}
	if f, err := s.File(ctx, "foto"); err != nil || !bytes.Equal(f.Data, []byte{0xff, 0xd8, 0, 0xd9}) {
		t.Errorf("File(foto): got %v, %v", f.Data, err)
	}
	if ok, err := s.MarkSeen(ctx, "tg:1", time.Hour); err != nil || !ok {
		t.Errorf("update markers are not records: MarkSeen after the restore got %v, %v; want true", ok, err)
	}
}

// export collects every record of s.
func export(t *testing.T, s storage.Store) []storage.Record {
	t.Helper()
	var recs []storage.Record
	noErr(t, "Export", s.Export(t.Context(), func(r storage.Record) error {
		recs = append(recs, r)
		return nil
	}))
	return recs
}

// seq yields recs, then err when it is not nil.
func seq(recs []storage.Record, err error) iter.Seq2[storage.Record, error] {
	return func(yield func(storage.Record, error) bool) {
		for _, r := range recs {
			if !yield(r, nil) {
				return
			}
		}
		if err != nil {
			yield(storage.Record{}, err)
		}
	}
}

// stable drops what a restore may shift by the time it takes: the expiry
// of dialogs and values is compared apart.
func stable(recs []storage.Record) []storage.Record {
	out := make([]storage.Record, len(recs))
	for i, r := range recs {
		if r.Dialog != nil {
			d := *r.Dialog
			d.Expires = time.Time{}
			r.Dialog = &d
		}
		if r.Value != nil {
			v := *r.Value
			if !v.Expires.IsZero() {
				v.Expires = time.Unix(1, 0) // set, compared apart
			}
			r.Value = &v
		}
		out[i] = r
	}
	return out
}
