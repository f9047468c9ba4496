package calendar

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	loc := mustLoc(t)
	// Wednesday 15 July 2026, 10:00 in Mexico City.
	now := time.Date(2026, 7, 15, 10, 0, 0, 0, loc)
	tests := []struct {
		in   string
		want string // yyyy-mm-dd; "" for ErrUnparseable
	}{
		{"hoy", "2026-07-15"},
		{"Hoy.", "2026-07-15"},
		{"mañana", "2026-07-16"},
		{"MAÑANA", "2026-07-16"},
		{"manana", "2026-07-16"},
		{"pasado mañana", "2026-07-17"},
		{"Pasado  manana", "2026-07-17"},
		// Weekdays count strictly after today (a Wednesday).
		{"el lunes", "2026-07-20"},
		{"lunes", "2026-07-20"},
		{"el viernes", "2026-07-17"},
		{"Viernes", "2026-07-17"},
		{"próximo lunes", "2026-07-20"},
		{"proximo lunes", "2026-07-20"},
		{"el próximo viernes", "2026-07-17"},
		{"el lunes próximo", "2026-07-20"},
		{"el lunes que viene", "2026-07-20"},
		{"el miércoles", "2026-07-22"},
		{"el miercoles", "2026-07-22"},
		{"este miércoles", "2026-07-15"},
		{"sábado", "2026-07-18"},
		{"en 3 días", "2026-07-18"},
		{"en 3 dias", "2026-07-18"},
		{"en tres días", "2026-07-18"},
		{"en un día", "2026-07-16"},
		{"en una semana", "2026-07-22"},
		{"dentro de 2 semanas", "2026-07-29"},
		{"15/01/2027", "2027-01-15"},
		{"15-01-27", "2027-01-15"},
		{"15.01.2027", "2027-01-15"},
		{"5/8/2026", "2026-08-05"},
		// Without a year: the next such day not before today.
		{"15/1", "2027-01-15"},
		{"1/8", "2026-08-01"},
		{"15/7", "2026-07-15"},
		{"29/2", "2028-02-29"},
		{"15 de enero", "2027-01-15"},
		{"15 de Enero de 2027", "2027-01-15"},
		{"15 ene 2027", "2027-01-15"},
		{"20 de julio", "2026-07-20"},
		{"1 de sept", "2026-09-01"},
		{"lunes 20 de julio", "2026-07-20"},
		{"el 20", "2026-07-20"},
		{"el 10", "2026-08-10"},
		{"el 31", "2026-07-31"},
		{"20", "2026-07-20"},
		{"15/01/2020", "2020-01-15"},
		// Unparseable.
		{"", ""},
		{"asdf", ""},
		{"la próxima semana", ""},
		{"martes 20 de julio", ""},
		{"31/02/2027", ""},
		{"15/13/2027", ""},
		{"32 de enero", ""},
		{"15/01/202", ""},
		{"en tres", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, now, loc)
			if tt.want == "" {
				if !errors.Is(err, ErrUnparseable) {
					t.Errorf("ParseDate(%q) = %s, %v; want ErrUnparseable", tt.in, got, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got.Format(time.DateOnly) != tt.want || got.Location() != loc || got.Hour() != 0 {
				t.Errorf("ParseDate(%q) = %s, want %s 00:00 in loc", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateEndOfMonth(t *testing.T) {
	loc := mustLoc(t)
	// On 31 January, "el 28" is 28 February, not skipped to March.
	now := time.Date(2026, 1, 31, 9, 0, 0, 0, loc)
	got, err := ParseDate("el 28", now, loc)
	if err != nil || got.Format(time.DateOnly) != "2026-02-28" {
		t.Errorf("ParseDate(el 28) = %s, %v; want 2026-02-28", got, err)
	}
}

func TestNotPast(t *testing.T) {
	loc := mustLoc(t)
	now := time.Date(2026, 7, 15, 23, 30, 0, 0, loc)
	tests := []struct {
		name string
		day  time.Time
		past bool
	}{
		{"yesterday", time.Date(2026, 7, 14, 0, 0, 0, 0, loc), true},
		{"today", time.Date(2026, 7, 15, 0, 0, 0, 0, loc), false},
		{"tomorrow", time.Date(2026, 7, 16, 0, 0, 0, 0, loc), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := NotPast(tt.day, now, loc)
			if got := errors.Is(err, ErrPast); got != tt.past {
				t.Errorf("NotPast(%s) = %v, want past %v", tt.day, err, tt.past)
			}
			if errors.Is(err, ErrUnparseable) {
				t.Errorf("NotPast error %v also matches ErrUnparseable", err)
			}
		})
	}
}

// TestParseMoment: a date with an optional time, as the console's /reloj
// and `ctdesk job run --at` take it.
func TestParseMoment(t *testing.T) {
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, loc)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"30/09/2027 18:00", time.Date(2027, 9, 30, 18, 0, 0, 0, loc)},
		{"30/09/2027", time.Date(2027, 9, 30, 9, 0, 0, 0, loc)},
		{"mañana 8:30", time.Date(2026, 11, 27, 8, 30, 0, 0, loc)},
	}
	for _, tc := range tests {
		got, err := ParseMoment(tc.in, now, loc, 9)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseMoment(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	if _, err := ParseMoment("el día que sea", now, loc, 9); err == nil {
		t.Error("a date that is no date was taken")
	}
}
