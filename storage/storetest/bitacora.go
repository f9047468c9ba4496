package storetest

import (
	"slices"
	"testing"
	"time"

	"ctdesk/storage"
)

func testBitacora(t *testing.T, h Harness) {
	s := h.Open(t)
	ctx := t.Context()
	entry := func(off time.Duration, folio, action string) storage.LogEntry {
		return storage.LogEntry{At: base.Add(off), Who: "beto", Role: storage.RoleTecnico,
			Folio: folio, Action: action, Detail: "detalle de " + action}
	}
	const fa, fb = "CT-2026-0001", "CT-2026-0002"
	noErr(t, "AppendLog", s.AppendLog(ctx, entry(0, fa, "a1"), entry(time.Hour, fb, "b1")))
	MustCommit(t, s, storage.Change{Log: []storage.LogEntry{entry(2*time.Hour, fa, "a2")}})
	noErr(t, "AppendLog", s.AppendLog(ctx, entry(30*time.Minute, "", "general")))
	MustCommit(t, s, storage.Change{Log: []storage.LogEntry{entry(3*time.Hour, fb, "b2"), entry(3*time.Hour, fa, "a3")}})

	actions := func(es []storage.LogEntry) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Action
		}
		return out
	}

	t.Run("append order and Seq", func(t *testing.T) {
		all, err := s.Log(ctx, storage.LogFilter{})
		noErr(t, "Log", err)
		want := []string{"a1", "b1", "a2", "general", "b2", "a3"}
		if got := actions(all); !slices.Equal(got, want) {
			t.Fatalf("Log: got %v, want %v", got, want)
		}
		for i := 1; i < len(all); i++ {
			if all[i].Seq <= all[i-1].Seq {
				t.Errorf("Seq not strictly increasing: entry %d has %d after %d", i, all[i].Seq, all[i-1].Seq)
			}
		}
		got := all[3]
		got.Seq = 0
		sameJSON(t, "entry", got, entry(30*time.Minute, "", "general"))
	})

	t.Run("filters", func(t *testing.T) {
		tests := []struct {
			name string
			f    storage.LogFilter
			want []string
		}{
			{"folio", storage.LogFilter{Folio: fa}, []string{"a1", "a2", "a3"}},
			{"period", storage.LogFilter{From: base.Add(30 * time.Minute), To: base.Add(3 * time.Hour)}, []string{"b1", "a2", "general"}},
			{"folio and period", storage.LogFilter{Folio: fb, From: base.Add(time.Hour)}, []string{"b1", "b2"}},
			{"limit", storage.LogFilter{Limit: 2}, []string{"a1", "b1"}},
			{"no match", storage.LogFilter{Folio: "CT-2026-0099"}, []string{}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Log(ctx, tc.f)
				noErr(t, "Log", err)
				if g := actions(got); !slices.Equal(g, tc.want) {
					t.Errorf("Log(%+v): got %v, want %v", tc.f, g, tc.want)
				}
			})
		}
	})
}
