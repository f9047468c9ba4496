// Package calendar knows the institution's business days: weekends, Mexico's
// official holidays (Ley Federal del Trabajo, art. 74) and the closed days of
// the configuration, all in the institution's time zone. It also names
// quarters and cuatrimestres, gives the due date of the quarterly report
// DP-RG.02, and parses the dates staff type in chat.
package calendar

import "time"

// Closed is a configured day or range of days when the institution does not
// work (vacations, Semana Santa, institutional days, election days).
// Only the year, month and day of From and To count, as written: their clock
// and location are ignored. A zero To means the single day From.
type Closed struct {
	Name     string
	From, To time.Time
}

// Layout is how a day is written for people, and how they type it:
// dd/mm/aaaa.
const Layout = "02/01/2006"

// Day returns the civil date y-m-d, for building Closed values.
func Day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Calendar tells business days in one location. It is safe for concurrent use.
type Calendar struct {
	loc    *time.Location
	closed []closedRange
}

type closedRange struct {
	name     string
	from, to int // civil day numbers, inclusive
}

// New returns a calendar for loc (UTC when nil) with extra closed days.
func New(loc *time.Location, closed ...Closed) *Calendar {
	if loc == nil {
		loc = time.UTC
	}
	c := &Calendar{loc: loc}
	for _, cl := range closed {
		from := civil(cl.From)
		to := from
		if !cl.To.IsZero() {
			to = civil(cl.To)
		}
		if to < from {
			from, to = to, from
		}
		c.closed = append(c.closed, closedRange{name: cl.Name, from: from, to: to})
	}
	return c
}

// Location returns the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// StartOfDay returns midnight, in the calendar's location, of t's day there.
func (c *Calendar) StartOfDay(t time.Time) time.Time {
	y, m, d := t.In(c.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// Holiday reports whether t's day, in the calendar's location, is an official
// holiday or a configured closed day, and its name. Weekends are not holidays.
func (c *Calendar) Holiday(t time.Time) (name string, ok bool) {
	y, m, d := t.In(c.loc).Date()
	if name, ok := OfficialHoliday(y, m, d); ok {
		return name, true
	}
	n := dayNumber(y, m, d)
	for _, r := range c.closed {
		if n >= r.from && n <= r.to {
			return r.name, true
		}
	}
	return "", false
}

// IsBusinessDay reports whether t's day, in the calendar's location, is a
// working day: Monday to Friday and not a holiday or closed day.
func (c *Calendar) IsBusinessDay(t time.Time) bool {
	switch t.In(c.loc).Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	_, holiday := c.Holiday(t)
	return !holiday
}

// AddBusinessDays returns midnight of the n-th business day after t's day
// (before it when n is negative); n == 0 returns midnight of t's day.
func (c *Calendar) AddBusinessDays(t time.Time, n int) time.Time {
	day := c.StartOfDay(t)
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		day = c.addDays(day, step)
		if c.IsBusinessDay(day) {
			n--
		}
	}
	return day
}

// NextBusinessDays returns midnight of each of the n business days after
// from's day, in order: the choices of a date picker.
func (c *Calendar) NextBusinessDays(from time.Time, n int) []time.Time {
	days := make([]time.Time, 0, max(n, 0))
	day := c.StartOfDay(from)
	for len(days) < n {
		day = c.addDays(day, 1)
		if c.IsBusinessDay(day) {
			days = append(days, day)
		}
	}
	return days
}

// BusinessDaysBetween counts the business days after a's day up to and
// including b's day; it is negative when b's day comes before a's. So
// BusinessDaysBetween(a, AddBusinessDays(a, n)) == n.
func (c *Calendar) BusinessDaysBetween(a, b time.Time) int {
	from, to := c.StartOfDay(a), c.StartOfDay(b)
	if to.Before(from) {
		return -c.countBusinessDays(to, from)
	}
	return c.countBusinessDays(c.addDays(from, 1), c.addDays(to, 1))
}

// countBusinessDays counts business days in [from, to), both midnights.
func (c *Calendar) countBusinessDays(from, to time.Time) int {
	n := 0
	for day := from; day.Before(to); day = c.addDays(day, 1) {
		if c.IsBusinessDay(day) {
			n++
		}
	}
	return n
}

// addDays moves a midnight by whole civil days, safe across DST changes.
func (c *Calendar) addDays(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, c.loc)
}

// civil returns the day number of t's date as written.
func civil(t time.Time) int {
	y, m, d := t.Date()
	return dayNumber(y, m, d)
}

// dayNumber counts days since 1970-01-01 for a civil date.
func dayNumber(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
