package calendar

import (
	"testing"
	"time"
)

func TestReportDue(t *testing.T) {
	loc := mustLoc(t)
	plain := New(loc)
	santa := New(loc, Closed{Name: "Semana Santa", From: Day(2026, 3, 30), To: Day(2026, 4, 10)})
	tests := []struct {
		name string
		cal  *Calendar
		q    Quarter
		want string
	}{
		// Ends Sat 30 Jun 2018: Mon 2 (1), 3, 4, 5, Fri 6 Jul (5).
		{"2018Q2 ends on saturday", plain, Quarter{2018, 2}, "2018-07-06"},
		// Ends Sun 30 Sep 2018; 1 Oct 2018 is a working Monday: 1, 2, 3, 4, Fri 5 (5).
		{"2018Q3 before the reform", plain, Quarter{2018, 3}, "2018-10-05"},
		// Ends Mon 31 Dec 2018; Tue 1 Jan holiday: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8 (5).
		{"2018Q4 año nuevo", plain, Quarter{2018, 4}, "2019-01-08"},
		// Ends Sun 31 Mar 2019: Mon 1 … Fri 5 Apr.
		{"2019Q1 ends on sunday", plain, Quarter{2019, 1}, "2019-04-05"},
		// Ends Mon 30 Sep 2024; Tue 1 Oct holiday: Wed 2, Thu 3, Fri 4, Mon 7, Tue 8.
		{"2024Q3 transmisión", plain, Quarter{2024, 3}, "2024-10-08"},
		// Ends Tue 31 Dec 2024; Wed 1 Jan holiday: Thu 2, Fri 3, Mon 6, Tue 7, Wed 8.
		{"2024Q4 año nuevo", plain, Quarter{2024, 4}, "2025-01-08"},
		// Ends Tue 31 Mar 2026: Wed 1, Thu 2, Fri 3, Mon 6, Tue 7 Apr.
		{"2026Q1 plain", plain, Quarter{2026, 1}, "2026-04-07"},
		// With 30 Mar–10 Apr closed: Mon 13, 14, 15, 16, Fri 17 Apr.
		{"2026Q1 semana santa", santa, Quarter{2026, 1}, "2026-04-17"},
		// Ends Wed 30 Sep 2026; 1 Oct 2026 works: Thu 1, Fri 2, Mon 5, Tue 6, Wed 7.
		{"2026Q3", plain, Quarter{2026, 3}, "2026-10-07"},
		// Ends Mon 30 Sep 2030; Tue 1 Oct holiday: Wed 2 … Tue 8.
		{"2030Q3 transmisión", plain, Quarter{2030, 3}, "2030-10-08"},
		// Ends Tue 31 Dec 2030; Wed 1 Jan: Thu 2, Fri 3, Mon 6, Tue 7, Wed 8.
		{"2030Q4", plain, Quarter{2030, 4}, "2031-01-08"},
		// Ends Wed 31 Dec 2031; Thu 1 Jan: Fri 2, Mon 5, Tue 6, Wed 7, Thu 8.
		{"2031Q4", plain, Quarter{2031, 4}, "2032-01-08"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.cal.ReportDue(tt.q)
			if got.Format(time.DateOnly) != tt.want || got.Location() != loc || got.Hour() != 0 {
				t.Errorf("ReportDue(%s) = %s, want %s 00:00 in %s", tt.q, got, tt.want, loc)
			}
		})
	}
}

func TestParseQuarter(t *testing.T) {
	tests := []struct {
		in      string
		want    Quarter
		wantErr bool
	}{
		{"2026Q3", Quarter{2026, 3}, false},
		{"2026q1", Quarter{2026, 1}, false},
		{" 2026-Q4 ", Quarter{2026, 4}, false},
		{"2026-2", Quarter{2026, 2}, false},
		{"2026Q5", Quarter{}, true},
		{"26Q1", Quarter{}, true},
		{"Q3 2026", Quarter{}, true},
		{"", Quarter{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseQuarter(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseQuarter(%q) = %v, %v; want %v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
			if err == nil && got.String() != "" {
				again, _ := ParseQuarter(got.String())
				if again != got {
					t.Errorf("ParseQuarter(%q.String()) = %v, want %v", got, again, got)
				}
			}
		})
	}
}

func TestQuarterBounds(t *testing.T) {
	loc := mustLoc(t)
	tests := []struct {
		q                    Quarter
		start, last, endExcl string
	}{
		{Quarter{2026, 1}, "2026-01-01", "2026-03-31", "2026-04-01"},
		{Quarter{2024, 1}, "2024-01-01", "2024-03-31", "2024-04-01"},
		{Quarter{2026, 3}, "2026-07-01", "2026-09-30", "2026-10-01"},
		{Quarter{2026, 4}, "2026-10-01", "2026-12-31", "2027-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.q.String(), func(t *testing.T) {
			if got := tt.q.Start(loc).Format(time.DateOnly); got != tt.start {
				t.Errorf("Start = %s, want %s", got, tt.start)
			}
			if got := tt.q.LastDay(loc).Format(time.DateOnly); got != tt.last {
				t.Errorf("LastDay = %s, want %s", got, tt.last)
			}
			if got := tt.q.End(loc).Format(time.DateOnly); got != tt.endExcl {
				t.Errorf("End = %s, want %s", got, tt.endExcl)
			}
			if got := QuarterOf(tt.q.LastDay(loc).Add(23 * time.Hour)); got != tt.q {
				t.Errorf("QuarterOf(last day) = %v, want %v", got, tt.q)
			}
			if got := tt.q.Next().Prev(); got != tt.q {
				t.Errorf("Next().Prev() = %v, want %v", got, tt.q)
			}
		})
	}
	if got, want := (Quarter{2026, 3}).Name(), "tercer trimestre de 2026"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
}

func TestCuatrimestre(t *testing.T) {
	loc := mustLoc(t)
	tests := []struct {
		date  time.Time
		want  Cuatrimestre
		start string
		end   string
	}{
		{time.Date(2026, 4, 30, 23, 0, 0, 0, loc), Cuatrimestre{2026, 1}, "2026-01-01", "2026-05-01"},
		{time.Date(2026, 5, 1, 0, 0, 0, 0, loc), Cuatrimestre{2026, 2}, "2026-05-01", "2026-09-01"},
		{time.Date(2026, 12, 31, 0, 0, 0, 0, loc), Cuatrimestre{2026, 3}, "2026-09-01", "2027-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.want.String(), func(t *testing.T) {
			got := CuatrimestreOf(tt.date)
			if got != tt.want {
				t.Fatalf("CuatrimestreOf(%s) = %v, want %v", tt.date, got, tt.want)
			}
			if s := got.Start(loc).Format(time.DateOnly); s != tt.start {
				t.Errorf("Start = %s, want %s", s, tt.start)
			}
			if e := got.End(loc).Format(time.DateOnly); e != tt.end {
				t.Errorf("End = %s, want %s", e, tt.end)
			}
		})
	}
}

// TestParseQuarterSpanish accepts the T of "trimestre" as staff write it.
func TestParseQuarterSpanish(t *testing.T) {
	for _, s := range []string{"2026T3", "2026t3", "2026-T3", "2026Q3"} {
		q, err := ParseQuarter(s)
		if err != nil || q != (Quarter{Year: 2026, Q: 3}) {
			t.Errorf("ParseQuarter(%q) = %v, %v; want 2026Q3", s, q, err)
		}
	}
}

// TestParseQuarterNotations accepts the three notations staff write and
// shows one.
func TestParseQuarterNotations(t *testing.T) {
	for _, s := range []string{"2026T3", "2026Q3", "3T-2026", "3t-2026", "3T 2026", "2026-3", "2026-T3"} {
		q, err := ParseQuarter(s)
		if err != nil || q != (Quarter{Year: 2026, Q: 3}) {
			t.Errorf("ParseQuarter(%q) = %v, %v; want 3T-2026", s, q, err)
		}
		if got := q.String(); err == nil && got != "3T-2026" {
			t.Errorf("ParseQuarter(%q).String() = %q, want 3T-2026", s, got)
		}
		if got := q.Name(); err == nil && got != "tercer trimestre de 2026" {
			t.Errorf("ParseQuarter(%q).Name() = %q, want «tercer trimestre de 2026»", s, got)
		}
	}
	for _, s := range []string{"", "2026", "2026T5", "2026T0", "5T-2026", "26T3", "T3", "2026T33", "3T-26"} {
		if q, err := ParseQuarter(s); err == nil {
			t.Errorf("ParseQuarter(%q) = %v, want an error", s, q)
		}
	}
	if k := (Quarter{2026, 3}).Key(); k != "2026Q3" {
		t.Errorf("Key = %q, want 2026Q3 (stored keys keep their form)", k)
	}
}
