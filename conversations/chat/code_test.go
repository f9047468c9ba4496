package chat

import (
	"slices"
	"strings"
	"testing"
)

func TestParseCode(t *testing.T) {
	tests := []struct {
		code, kind string
		args       []string
		ok         bool
	}{
		{"t:CT-2026-0001:tomar:3", KindAction, []string{"CT-2026-0001", "tomar", "3"}, true},
		{"f:fecha:d:2026-12-01", KindField, []string{"fecha", "d:2026-12-01"}, true},
		{"p:as:beto", KindPending, []string{"as:beto"}, true},
		{"g:console:ana:x:ok", KindDecide, []string{"console", "ana:x", "ok"}, true},
		{"g:telegram:999:no", KindDecide, []string{"telegram", "999", "no"}, true},
		{"v:CT-2026-0001", KindView, []string{"CT-2026-0001"}, true},
		{"t:CT-2026-0001:tomar", "", nil, false},
		{"x:1", "", nil, false},
		{"m", "", nil, false},
	}
	for _, tt := range tests {
		kind, args, ok := ParseCode(tt.code)
		if kind != tt.kind || !slices.Equal(args, tt.args) || ok != tt.ok {
			t.Errorf("ParseCode(%q) = %q, %q, %v; want %q, %q, %v", tt.code, kind, args, ok, tt.kind, tt.args, tt.ok)
		}
	}
}

// FuzzCode: any code is read without a panic; what is read writes back to
// the same code; and arguments written (only the free one holding ':') are
// read back as they were.
func FuzzCode(f *testing.F) {
	f.Add("t:CT-2026-0001:tomar:3", "CT-2026-0001", "d:2026-12-01", "ok")
	f.Add("g:slack:U1:ok", "telegram", "999", "no")
	f.Add("pd:file:mover", "a", "b", "c")
	f.Add("::::", "", "", "")
	f.Fuzz(func(t *testing.T, code, a, b, c string) {
		kind, args, ok := ParseCode(code)
		if ok && Code(kind, args...) != code {
			t.Fatalf("ParseCode(%q) = %q, %q; written back %q", code, kind, args, Code(kind, args...))
		}
		for k, s := range shapes {
			in := []string{a, b, c}[:s.n]
			for i := range in {
				if i != s.free {
					in[i] = strings.ReplaceAll(in[i], ":", "")
				}
			}
			gotKind, got, ok := ParseCode(Code(k, in...))
			if !ok || gotKind != k || !slices.Equal(got, in) {
				t.Fatalf("Code(%q, %q) read back as %q, %q, %v", k, in, gotKind, got, ok)
			}
		}
	})
}
