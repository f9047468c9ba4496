package calendar

import (
	"testing"
	"time"
)

func mustLoc(tb testing.TB) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		tb.Fatalf("load location: %v", err)
	}
	return loc
}

func TestOfficialHoliday(t *testing.T) {
	// Movable holidays worked out from the weekday of the 1st of the month:
	// 2018: 1 Feb Thu → Mon 5; 1 Mar Thu → Mondays 5, 12, 19; 1 Nov Thu → 19.
	// 2019: 1 Feb Fri → Mon 4; 1 Mar Fri → 18; 1 Nov Fri → 18.
	// 2024: 1 Feb Thu → Mon 5; 1 Mar Fri → 18; 1 Nov Fri → 18.
	// 2026: 1 Feb Sun → Mon 2; 1 Mar Sun → 16; 1 Nov Sun → 16.
	// 2030: 1 Feb Fri → Mon 4; 1 Mar Fri → 18; 1 Nov Fri → 18.
	// 2031: 1 Feb Sat → Mon 3; 1 Mar Sat → 17; 1 Nov Sat → 17.
	tests := []struct {
		name string
		date string
		want string // "" for a working day
	}{
		{"año nuevo", "2026-01-01", AnioNuevo},
		{"constitución 2018", "2018-02-05", Constitucion},
		{"5 feb 2026 is not", "2026-02-05", ""},
		{"constitución 2026", "2026-02-02", Constitucion},
		{"constitución 2031", "2031-02-03", Constitucion},
		{"juárez 2018", "2018-03-19", BenitoJuarez},
		{"juárez 2019", "2019-03-18", BenitoJuarez},
		{"21 mar 2019 is not", "2019-03-21", ""},
		{"juárez 2026", "2026-03-16", BenitoJuarez},
		{"juárez 2031", "2031-03-17", BenitoJuarez},
		{"trabajo", "2027-05-01", DiaDelTrabajo},
		{"independencia", "2025-09-16", Independencia},
		{"1 dic 2018 inauguration", "2018-12-01", TransmisionPEF},
		{"1 dic 2012 inauguration", "2012-12-01", TransmisionPEF},
		{"1 dic 2024 is not", "2024-12-01", ""},
		{"1 oct 2024 inauguration", "2024-10-01", TransmisionPEF},
		{"1 oct 2030 inauguration", "2030-10-01", TransmisionPEF},
		{"1 oct 2018 is not", "2018-10-01", ""},
		{"1 oct 2026 is not", "2026-10-01", ""},
		{"revolución 2018", "2018-11-19", Revolucion},
		{"revolución 2024", "2024-11-18", Revolucion},
		{"20 nov 2024 is not", "2024-11-20", ""},
		{"revolución 2026", "2026-11-16", Revolucion},
		{"revolución 2030", "2030-11-18", Revolucion},
		{"revolución 2031", "2031-11-17", Revolucion},
		{"navidad", "2031-12-25", Navidad},
		{"before 2006 fixed", "2005-02-05", Constitucion},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := time.Parse(time.DateOnly, tt.date)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := OfficialHoliday(d.Year(), d.Month(), d.Day())
			if got != tt.want {
				t.Errorf("OfficialHoliday(%s) = %q, want %q", tt.date, got, tt.want)
			}
		})
	}
}

func TestHolidaysPerYear(t *testing.T) {
	for y := 2018; y <= 2031; y++ {
		want := 7
		if y == 2018 || y == 2024 || y == 2030 {
			want = 8
		}
		got := 0
		for d := Day(y, 1, 1); d.Year() == y; d = d.AddDate(0, 0, 1) {
			name, ok := OfficialHoliday(d.Year(), d.Month(), d.Day())
			if !ok {
				continue
			}
			got++
			switch name {
			case Constitucion, BenitoJuarez, Revolucion:
				if d.Weekday() != time.Monday {
					t.Errorf("%s %s falls on %s, want Monday", name, d.Format(time.DateOnly), d.Weekday())
				}
			}
		}
		if got != want {
			t.Errorf("%d: %d holidays, want %d", y, got, want)
		}
	}
}

func TestIsBusinessDay(t *testing.T) {
	loc := mustLoc(t)
	cal := New(loc,
		Closed{Name: "Semana Santa", From: Day(2026, 3, 30), To: Day(2026, 4, 10)},
		Closed{Name: "Aniversario", From: Day(2026, 6, 12)},
	)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"monday", time.Date(2026, 7, 13, 9, 0, 0, 0, loc), true},
		{"saturday", time.Date(2026, 7, 11, 9, 0, 0, 0, loc), false},
		{"sunday", time.Date(2026, 7, 12, 9, 0, 0, 0, loc), false},
		{"holiday 16 sep 2026 wed", time.Date(2026, 9, 16, 12, 0, 0, 0, loc), false},
		{"semana santa start", time.Date(2026, 3, 30, 8, 0, 0, 0, loc), false},
		{"semana santa end", time.Date(2026, 4, 10, 8, 0, 0, 0, loc), false},
		{"after semana santa", time.Date(2026, 4, 13, 8, 0, 0, 0, loc), true},
		{"single closed day", time.Date(2026, 6, 12, 8, 0, 0, 0, loc), false},
		// 03:00 UTC on 1 Oct 2024 is 21:00 on Mon 30 Sep in Mexico City.
		{"utc instant read in loc", time.Date(2024, 10, 1, 3, 0, 0, 0, time.UTC), true},
		{"1 oct 2024 in loc", time.Date(2024, 10, 1, 12, 0, 0, 0, loc), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.IsBusinessDay(tt.t); got != tt.want {
				t.Errorf("IsBusinessDay(%s) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
	if name, ok := cal.Holiday(time.Date(2026, 4, 2, 0, 0, 0, 0, loc)); !ok || name != "Semana Santa" {
		t.Errorf("Holiday(2 abr 2026) = %q, %v, want Semana Santa, true", name, ok)
	}
}

func TestAddBusinessDays(t *testing.T) {
	loc := mustLoc(t)
	cal := New(loc)
	tests := []struct {
		name string
		from time.Time
		n    int
		want time.Time
	}{
		// Fri 13 Mar 2026 + 1: Mon 16 Mar is Juárez → Tue 17.
		{"over weekend and juárez", time.Date(2026, 3, 13, 18, 0, 0, 0, loc), 1, time.Date(2026, 3, 17, 0, 0, 0, 0, loc)},
		// Thu 24 Dec 2026 + 2: Fri 25 holiday, weekend → Mon 28 (1), Tue 29 (2).
		{"over navidad", time.Date(2026, 12, 24, 9, 0, 0, 0, loc), 2, time.Date(2026, 12, 29, 0, 0, 0, 0, loc)},
		{"zero is the day itself", time.Date(2026, 7, 11, 9, 0, 0, 0, loc), 0, time.Date(2026, 7, 11, 0, 0, 0, 0, loc)},
		// Tue 17 Mar 2026 − 1: Mon 16 is Juárez → Fri 13.
		{"backwards", time.Date(2026, 3, 17, 9, 0, 0, 0, loc), -1, time.Date(2026, 3, 13, 0, 0, 0, 0, loc)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cal.AddBusinessDays(tt.from, tt.n)
			if !got.Equal(tt.want) {
				t.Errorf("AddBusinessDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
			if back := cal.BusinessDaysBetween(tt.from, got); tt.n != 0 && back != tt.n {
				t.Errorf("BusinessDaysBetween(%s, %s) = %d, want %d", tt.from, got, back, tt.n)
			}
		})
	}
}

func TestNextBusinessDays(t *testing.T) {
	loc := mustLoc(t)
	cal := New(loc)
	// From Fri 11 Sep 2026: Mon 14, Tue 15, (Wed 16 holiday), Thu 17, Fri 18.
	got := cal.NextBusinessDays(time.Date(2026, 9, 11, 16, 0, 0, 0, loc), 4)
	want := []int{14, 15, 17, 18}
	if len(got) != len(want) {
		t.Fatalf("got %d days, want %d", len(got), len(want))
	}
	for i, d := range got {
		if d.Day() != want[i] || d.Month() != time.September || d.Location() != loc || d.Hour() != 0 {
			t.Errorf("day %d = %s, want %d Sep 2026 00:00 in loc", i, d, want[i])
		}
	}
}

func TestBusinessDaysBetween(t *testing.T) {
	loc := mustLoc(t)
	cal := New(loc)
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day", time.Date(2026, 7, 15, 8, 0, 0, 0, loc), time.Date(2026, 7, 15, 20, 0, 0, 0, loc), 0},
		// After Wed 1 Jul 2026 up to Wed 15 Jul: 2 weeks of 5 days = 10.
		{"two weeks", time.Date(2026, 7, 1, 0, 0, 0, 0, loc), time.Date(2026, 7, 15, 0, 0, 0, 0, loc), 10},
		// After Fri 11 Sep up to Fri 18 Sep 2026: Mon, Tue, Thu, Fri = 4.
		{"with independencia", time.Date(2026, 9, 11, 0, 0, 0, 0, loc), time.Date(2026, 9, 18, 0, 0, 0, 0, loc), 4},
		{"reversed", time.Date(2026, 9, 18, 0, 0, 0, 0, loc), time.Date(2026, 9, 11, 0, 0, 0, 0, loc), -4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cal.BusinessDaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("BusinessDaysBetween = %d, want %d", got, tt.want)
			}
		})
	}
}
