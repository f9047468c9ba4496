package calendar

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ReportBusinessDays is how many business days after a quarter ends the
// report DP-RG.02 may be delivered (procedure 3.8).
const ReportBusinessDays = 5

// Quarter is a calendar quarter: Q 1 is January–March, 4 is October–December.
type Quarter struct {
	Year, Q int
}

// ParseQuarter reads a quarter as staff write it: "3T-2026" (T for
// trimestre, the notation ctdesk shows), "2026T3", "2026Q3", also with a
// dash or a space between the parts ("2026-T3", "3T 2026", "2026-3") and in
// lower case.
func ParseQuarter(s string) (Quarter, error) {
	t := strings.NewReplacer("Q", "T", " ", "-", "/", "-").Replace(strings.ToUpper(strings.TrimSpace(s)))
	var year, n string
	switch a, b, ok := strings.Cut(t, "T"); {
	case ok && len(a) == 1: // 3T-2026
		n, year = a, strings.TrimPrefix(b, "-")
	case ok: // 2026T3, 2026-T3
		year, n = strings.TrimSuffix(a, "-"), b
	default: // 2026-3
		year, n, _ = strings.Cut(t, "-")
	}
	y, err1 := strconv.Atoi(year)
	q, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || len(year) != 4 || len(n) != 1 || q < 1 || q > 4 {
		return Quarter{}, fmt.Errorf("calendar: quarter %q: want a quarter and a year like 3T-2026", s)
	}
	return Quarter{Year: y, Q: q}, nil
}

// QuarterOf returns the quarter of t's date in t's location; pass t.In(loc).
func QuarterOf(t time.Time) Quarter {
	return Quarter{Year: t.Year(), Q: (int(t.Month())-1)/3 + 1}
}

// String returns the quarter as people read it everywhere, in short:
// "3T-2026" (Name is the long form, "tercer trimestre de 2026").
func (q Quarter) String() string { return fmt.Sprintf("%dT-%04d", q.Q, q.Year) }

// Key returns the quarter as "2026Q3", the stable form of stored keys,
// message ids and button codes (they predate the notation people read;
// ParseQuarter reads both).
func (q Quarter) Key() string { return fmt.Sprintf("%04dQ%d", q.Year, q.Q) }

// Name returns the quarter in Spanish, as "tercer trimestre de 2026".
func (q Quarter) Name() string {
	names := [...]string{"primer", "segundo", "tercer", "cuarto"}
	if q.Q < 1 || q.Q > 4 {
		return q.String()
	}
	return fmt.Sprintf("%s trimestre de %d", names[q.Q-1], q.Year)
}

// Start returns midnight in loc of the quarter's first day.
func (q Quarter) Start(loc *time.Location) time.Time {
	return time.Date(q.Year, time.Month(3*(q.Q-1)+1), 1, 0, 0, 0, 0, loc)
}

// End returns midnight in loc of the day after the quarter: the period is [Start, End).
func (q Quarter) End(loc *time.Location) time.Time {
	return time.Date(q.Year, time.Month(3*q.Q+1), 1, 0, 0, 0, 0, loc)
}

// LastDay returns midnight in loc of the quarter's last day.
func (q Quarter) LastDay(loc *time.Location) time.Time {
	return time.Date(q.Year, time.Month(3*q.Q+1), 0, 0, 0, 0, 0, loc)
}

// Next returns the following quarter.
func (q Quarter) Next() Quarter {
	if q.Q >= 4 {
		return Quarter{Year: q.Year + 1, Q: 1}
	}
	return Quarter{Year: q.Year, Q: q.Q + 1}
}

// Prev returns the preceding quarter.
func (q Quarter) Prev() Quarter {
	if q.Q <= 1 {
		return Quarter{Year: q.Year - 1, Q: 4}
	}
	return Quarter{Year: q.Year, Q: q.Q - 1}
}

// ReportDue returns midnight of the day the report DP-RG.02 of q is due: the
// fifth business day after the quarter's last day. It may be delivered until
// that day ends.
func (c *Calendar) ReportDue(q Quarter) time.Time {
	return c.AddBusinessDays(q.LastDay(c.loc), ReportBusinessDays)
}

// Cuatrimestre is a third of the academic year: C 1 is January–April,
// 2 May–August, 3 September–December. The CT-RG.01 program is prepared at
// the start of each.
type Cuatrimestre struct {
	Year, C int
}

// CuatrimestreOf returns the cuatrimestre of t's date in t's location.
func CuatrimestreOf(t time.Time) Cuatrimestre {
	return Cuatrimestre{Year: t.Year(), C: (int(t.Month())-1)/4 + 1}
}

// String returns the cuatrimestre as "2026-C2".
func (c Cuatrimestre) String() string { return fmt.Sprintf("%04d-C%d", c.Year, c.C) }

// Start returns midnight in loc of the cuatrimestre's first day.
func (c Cuatrimestre) Start(loc *time.Location) time.Time {
	return time.Date(c.Year, time.Month(4*(c.C-1)+1), 1, 0, 0, 0, 0, loc)
}

// End returns midnight in loc of the day after the cuatrimestre.
func (c Cuatrimestre) End(loc *time.Location) time.Time {
	return time.Date(c.Year, time.Month(4*c.C+1), 1, 0, 0, 0, 0, loc)
}
