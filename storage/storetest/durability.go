package storetest

import (
	"bytes"
	"testing"
	"time"

	"ctdesk/storage"
)

// testDurability writes one of every record, restarts the store and reads
// them back.
func testDurability(t *testing.T, h Harness) {
	if h.Restart == nil {
		t.Skip("Harness.Restart is nil")
	}
	s := h.Open(t)
	ctx := t.Context()
	now := time.Now().Truncate(time.Millisecond)

	rosa := storage.Person{ID: "rosa", Name: "Rosa Díaz", Role: storage.RoleUsuario, Area: "finanzas",
		Accounts: map[string]string{"telegram": "2002"}}
	tk := ticket(base)
	tok := storage.NewFolioToken()
	out := MustCommit(t, s, storage.Change{
		Seen: "tg:1", SeenTTL: keep, FolioToken: tok,
		Tickets: []storage.TicketWrite{{Ticket: tk}},
		People:  []storage.Person{rosa},
		Log:     []storage.LogEntry{{At: base, Who: "rosa", Folio: tok, Action: "solicitud"}},
		Outbox:  []storage.OutboxItem{item("aviso", now)},
		Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa", Data: []byte(`{"paso":3}`)}, TTL: keep}},
	})
	noErr(t, "PutArea", s.PutArea(ctx, storage.Area{ID: "finanzas", Name: "Finanzas", Supervisor: "luis"}))
	data := blob(4096)
	fileID, err := s.PutFile(ctx, storage.File{Name: "foto.jpg", Size: int64(len(data)), Data: data, Created: base})
	noErr(t, "PutFile", err)
	plan := storage.PlanItem{ID: "p1", Area: "finanzas", Equipment: "PC", Planned: base, Tecnico: "beto", Imported: base, By: "ana"}
	noErr(t, "PutPlanItems", s.PutPlanItems(ctx, plan))
	noErr(t, "SetValue", s.SetValue(ctx, "offset", []byte("42"), 0))
	noErr(t, "SetLastRun", s.SetLastRun(ctx, "digest", base))
	wantClaim(t, s, "claim before restart", now, 10, "aviso")
	noErr(t, "RetryOutbox", s.RetryOutbox(ctx, "aviso", now, "caído"))

	s = h.Restart(t, s)

	got := mustTicket(t, s, out.Folio)
	if got.Version != 1 || got.Requester != "rosa" || !got.Created.Equal(base) {
		t.Errorf("ticket after restart: got %+v", got)
	}
	if log, err := s.Log(ctx, storage.LogFilter{Folio: out.Folio}); err != nil || len(log) != 1 {
		t.Errorf("Log after restart: got %+v, %v; want one entry", log, err)
	}
	wantDialog(t, s, "rosa", `{"paso":3}`, 1)
	if p, err := s.PersonByAccount(ctx, "telegram", "2002"); err != nil || p.ID != "rosa" {
		t.Errorf("PersonByAccount after restart: got %q, %v; want rosa", p.ID, err)
	}
	if as, err := s.Areas(ctx); err != nil || len(as) != 1 {
		t.Errorf("Areas after restart: got %v, %v; want one", as, err)
	}
	if f, err := s.File(ctx, fileID); err != nil || !bytes.Equal(f.Data, data) {
		t.Errorf("File after restart: got %d bytes, %v; want %d", len(f.Data), err, len(data))
	}
	if ps, err := s.PlanItems(ctx, time.Time{}, time.Time{}); err != nil || len(ps) != 1 {
		t.Errorf("PlanItems after restart: got %v, %v; want one", ps, err)
	}
	if v, err := s.Value(ctx, "offset"); err != nil || string(v) != "42" {
		t.Errorf("Value after restart: got %q, %v; want 42", v, err)
	}
	if at, err := s.LastRun(ctx, "digest"); err != nil || !at.Equal(base) {
		t.Errorf("LastRun after restart: got %v, %v; want %v", at, err, base)
	}
	items := wantClaim(t, s, "claim after restart", now, 10, "aviso")
	if len(items) == 1 && (items[0].Attempts != 1 || items[0].LastError != "caído") {
		t.Errorf("outbox item after restart: got Attempts %d LastError %q", items[0].Attempts, items[0].LastError)
	}
	_, err = s.Commit(ctx, storage.Change{Seen: "tg:1", SeenTTL: keep})
	wantErr(t, "Seen marker after restart", err, storage.ErrDuplicate)

	next := MustCommit(t, s, storage.Change{
		Tickets: []storage.TicketWrite{{Ticket: ticket(base)}},
		Outbox:  []storage.OutboxItem{item("segundo", now)},
	})
	if want := folio(2026, 2); next.Folio != want {
		t.Errorf("folio after restart: got %q, want %q", next.Folio, want)
	}
	later := claim(t, s, now.Add(time.Hour), 10)
	if len(later) != 2 || later[0].ID != "aviso" || later[1].Seq <= later[0].Seq {
		t.Errorf("outbox Seq after restart: got %+v, want aviso then segundo with a higher Seq", later)
	}
}
