package storetest

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

// blob returns n bytes with zero bytes and every other byte value in it.
func blob(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	if n > 0 {
		b[0], b[n-1] = 0, 0
	}
	return b
}

func testFiles(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	tests := []struct {
		name string
		id   string
		data []byte
	}{
		{"small with zero bytes", "", []byte{0, 1, 0, 255, 0}},
		{"over one megabyte", "", blob(1<<20 + 12345)},
		{"given id", "foto-1", []byte("\x89PNG\r\n\x1a\n\x00\x00")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := storage.File{ID: tc.id, Name: "archivo.bin", MIME: "application/octet-stream",
				Size: int64(len(tc.data)), Data: tc.data, Created: base}
			id, err := s.PutFile(ctx, f)
			noErr(t, "PutFile", err)
			if id == "" || (tc.id != "" && id != tc.id) {
				t.Fatalf("PutFile id: got %q, want %q (or any non-empty when unset)", id, tc.id)
			}
			got, err := s.File(ctx, id)
			noErr(t, "File", err)
			if !bytes.Equal(got.Data, tc.data) {
				t.Errorf("File(%s).Data: got %d bytes, want %d identical bytes", id, len(got.Data), len(tc.data))
			}
			if got.ID != id || got.Name != f.Name || got.MIME != f.MIME || got.Size != f.Size || !got.Created.Equal(base) {
				t.Errorf("File(%s): got id %q name %q mime %q size %d created %v", id, got.ID, got.Name, got.MIME, got.Size, got.Created)
			}
		})
	}
	_, err := s.File(ctx, "nada")
	wantErr(t, "File of an unknown id", err, storage.ErrNotFound)
}

func testPlan(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	day := func(d int) time.Time { return time.Date(2026, time.May, d, 0, 0, 0, 0, time.UTC) }
	plan := func(id string, d int, tecnico string) storage.PlanItem {
		return storage.PlanItem{ID: id, Area: "finanzas", Equipment: "PC-" + id, Planned: day(d),
			Tecnico: tecnico, Imported: base, By: "ana"}
	}
	noErr(t, "PutPlanItems", s.PutPlanItems(ctx, plan("p3", 20, "beto"), plan("p2", 5, "beto"), plan("p1", 5, "beto"), plan("p4", 11, "beto")))
	moved := plan("p4", 30, "carlos")
	moved.Reminded, moved.Folio = base, "CT-2026-0007"
	noErr(t, "PutPlanItems replace", s.PutPlanItems(ctx, moved))

	list := func(name string, from, to time.Time, want ...string) []storage.PlanItem {
		t.Helper()
		got, err := s.PlanItems(ctx, from, to)
		noErr(t, "PlanItems "+name, err)
		ids := make([]string, len(got))
		for i, p := range got {
			ids[i] = p.ID
		}
		if !slices.Equal(ids, want) {
			t.Errorf("PlanItems %s: got %v, want %v", name, ids, want)
		}
		return got
	}
	all := list("open bounds", time.Time{}, time.Time{}, "p1", "p2", "p3", "p4")
	if len(all) == 4 {
		sameJSON(t, "replaced item", all[3], moved)
	}
	list("[from,to)", day(5), day(20), "p1", "p2")
	list("from", day(6), time.Time{}, "p3", "p4")
	list("to", time.Time{}, day(5))
}

func testJobs(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	try := func(name, owner string, want bool) {
		t.Helper()
		got, err := s.TryLock(ctx, name, owner, time.Minute)
		if err != nil || got != want {
			t.Errorf("TryLock(%s, %s): got %v, %v; want %v", name, owner, got, err, want)
		}
	}
	try("digest", "replica-a", true)
	try("digest", "replica-b", false)
	try("digest", "replica-a", true)
	try("report", "replica-b", true)
	noErr(t, "Unlock by a non-owner", s.Unlock(ctx, "digest", "replica-b"))
	try("digest", "replica-b", false)
	noErr(t, "Unlock", s.Unlock(ctx, "digest", "replica-a"))
	try("digest", "replica-b", true)

	_, err := s.LastRun(ctx, "digest")
	wantErr(t, "LastRun before SetLastRun", err, storage.ErrNotFound)
	for _, at := range []time.Time{base, base.Add(24*time.Hour + 123456789)} {
		noErr(t, "SetLastRun", s.SetLastRun(ctx, "digest", at))
		got, err := s.LastRun(ctx, "digest")
		if err != nil || !got.Equal(at) {
			t.Errorf("LastRun: got %v, %v; want %v", got, err, at)
		}
	}
}

func testValues(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	_, err := s.Value(ctx, "telegram:offset")
	wantErr(t, "Value before SetValue", err, storage.ErrNotFound)
	for _, v := range [][]byte{[]byte("1234"), {0, 1, 2, 0}} {
		noErr(t, "SetValue", s.SetValue(ctx, "telegram:offset", v, 0))
		got, err := s.Value(ctx, "telegram:offset")
		if err != nil || !bytes.Equal(got, v) {
			t.Errorf("Value: got %q, %v; want %q", got, err, v)
		}
	}
}
