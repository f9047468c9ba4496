package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors of ParseDate and NotPast, wrapped with the text that caused them.
var (
	// ErrUnparseable: the text is not a date ParseDate understands, or names
	// a day that does not exist (31/02).
	ErrUnparseable = errors.New("fecha no reconocida")
	// ErrPast: the date is before today.
	ErrPast = errors.New("la fecha ya pasó")
)

// ParseDate reads a date as staff type it in chat, relative to now, and
// returns midnight of that day in loc. Accents and case do not matter.
// It understands:
//
//	hoy, mañana, pasado mañana
//	en 3 días, dentro de 2 semanas (digits or "un", "dos"… "diez")
//	lunes, el lunes, próximo lunes, el lunes próximo: the next Monday after today
//	este viernes: today if today is Friday, else the next one
//	15/01/2027, 15-01-27, 15.1.2027 (day first; two-digit years are 20yy)
//	15/1, el 15, 15: the next such day that is not before today
//	15 de enero, 15 de enero de 2027, 15 ene 2027, lunes 15 de enero
//
// A weekday written before a full date must agree with it. ParseDate never
// rejects a date for being in the past: see NotPast.
func ParseDate(text string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	words := strings.Fields(normalize(text))
	if len(words) == 0 {
		return time.Time{}, fmt.Errorf("calendar: %q: %w", text, ErrUnparseable)
	}
	if t, ok := parseRelative(words, today); ok {
		return t, nil
	}
	t, err := parseCalendarDate(words, today)
	if err != nil {
		return time.Time{}, fmt.Errorf("calendar: %q: %w", text, err)
	}
	return t, nil
}

// NotPast returns an error wrapping ErrPast when day is before now's day in loc.
func NotPast(day, now time.Time, loc *time.Location) error {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := now.In(loc).Date()
	if day.Before(time.Date(y, m, d, 0, 0, 0, 0, loc)) {
		return fmt.Errorf("calendar: %s: %w", day.In(loc).Format("02/01/2006"), ErrPast)
	}
	return nil
}

// parseRelative reads the forms that count from today.
func parseRelative(w []string, today time.Time) (time.Time, bool) {
	switch strings.Join(w, " ") {
	case "hoy":
		return today, true
	case "manana":
		return addDays(today, 1), true
	case "pasado manana":
		return addDays(today, 2), true
	}
	// en N días / dentro de N semanas
	if len(w) >= 3 && (w[0] == "en" || (w[0] == "dentro" && len(w) == 4 && w[1] == "de")) {
		n, unit := w[len(w)-2], w[len(w)-1]
		if len(w) == 3 || w[0] == "dentro" {
			count, ok := number(n)
			switch {
			case !ok:
			case unit == "dia" || unit == "dias":
				return addDays(today, count), true
			case unit == "semana" || unit == "semanas":
				return addDays(today, 7*count), true
			}
		}
	}
	return parseWeekday(w, today)
}

// parseWeekday reads "[el|este|próximo] lunes [próximo|que viene]".
func parseWeekday(w []string, today time.Time) (time.Time, bool) {
	this := false
	if len(w) > 1 && w[0] == "el" {
		w = w[1:]
	}
	if len(w) > 1 {
		switch w[0] {
		case "este", "esta":
			this, w = true, w[1:]
		case "proximo", "proxima", "siguiente":
			w = w[1:]
		}
	}
	switch {
	case len(w) == 2 && (w[1] == "proximo" || w[1] == "siguiente"):
		w = w[:1]
	case len(w) == 3 && w[1] == "que" && w[2] == "viene":
		w = w[:1]
	}
	if len(w) != 1 {
		return time.Time{}, false
	}
	wd, ok := weekdays[w[0]]
	if !ok {
		return time.Time{}, false
	}
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7
	if ahead == 0 && !this {
		ahead = 7
	}
	return addDays(today, ahead), true
}

// parseCalendarDate reads numeric and written dates.
func parseCalendarDate(w []string, today time.Time) (time.Time, error) {
	var wd *time.Weekday
	if len(w) > 1 {
		if d, ok := weekdays[w[0]]; ok {
			wd, w = &d, w[1:]
		}
	}
	if len(w) > 1 && w[0] == "el" {
		w = w[1:]
	}
	var (
		day, year int
		month     time.Month
		err       error
	)
	switch {
	case len(w) == 1 && strings.ContainsAny(w[0], "/-."):
		day, month, year, err = numericDate(w[0])
	case len(w) == 1:
		day, err = dayOfMonth(w[0])
	default:
		day, month, year, err = writtenDate(w)
	}
	if err != nil {
		return time.Time{}, err
	}
	t, err := resolve(day, month, year, today)
	if err != nil {
		return time.Time{}, err
	}
	if wd != nil && t.Weekday() != *wd {
		return time.Time{}, fmt.Errorf("%w: el %s no es %s", ErrUnparseable, t.Format("02/01/2006"), weekdayNames[*wd])
	}
	return t, nil
}

// numericDate reads d/m, d/m/yy and d/m/yyyy, with /, - or . between.
func numericDate(s string) (day int, month time.Month, year int, err error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, 0, ErrUnparseable
	}
	n := make([]int, len(parts))
	for i, p := range parts {
		if n[i], err = strconv.Atoi(p); err != nil || len(p) > 4 {
			return 0, 0, 0, ErrUnparseable
		}
	}
	if n[1] < 1 || n[1] > 12 { // month 0 would read as "no month given"
		return 0, 0, 0, ErrUnparseable
	}
	if len(n) == 3 {
		year, err = fullYear(parts[2], n[2])
	}
	return n[0], time.Month(n[1]), year, err
}

// writtenDate reads "15 de enero [de 2027]" and "15 ene 2027".
func writtenDate(w []string) (day int, month time.Month, year int, err error) {
	var rest []string
	for _, x := range w {
		if x != "de" && x != "del" {
			rest = append(rest, x)
		}
	}
	if len(rest) < 2 || len(rest) > 3 {
		return 0, 0, 0, ErrUnparseable
	}
	if day, err = dayOfMonth(rest[0]); err != nil {
		return 0, 0, 0, err
	}
	m, ok := months[rest[1]]
	if !ok {
		return 0, 0, 0, ErrUnparseable
	}
	if len(rest) == 3 {
		y, err := strconv.Atoi(rest[2])
		if err != nil {
			return 0, 0, 0, ErrUnparseable
		}
		if year, err = fullYear(rest[2], y); err != nil {
			return 0, 0, 0, err
		}
	}
	return day, m, year, nil
}

func dayOfMonth(s string) (int, error) {
	d, err := strconv.Atoi(s)
	if err != nil || d < 1 || d > 31 {
		return 0, ErrUnparseable
	}
	return d, nil
}

// fullYear turns "27" into 2027 and keeps four-digit years.
func fullYear(s string, y int) (int, error) {
	switch len(s) {
	case 2:
		return 2000 + y, nil
	case 4:
		return y, nil
	}
	return 0, ErrUnparseable
}

// resolve builds the date; a missing month or year takes the next such day
// that is not before today.
func resolve(day int, month time.Month, year int, today time.Time) (time.Time, error) {
	loc := today.Location()
	if month == 0 {
		for i := 0; i < 12; i++ {
			first := time.Date(today.Year(), today.Month()+time.Month(i), 1, 0, 0, 0, 0, loc)
			if t, ok := valid(first.Year(), first.Month(), day, loc); ok && !t.Before(today) {
				return t, nil
			}
		}
		return time.Time{}, ErrUnparseable
	}
	if month < 1 || month > 12 {
		return time.Time{}, ErrUnparseable
	}
	if year != 0 {
		if t, ok := valid(year, month, day, loc); ok {
			return t, nil
		}
		return time.Time{}, ErrUnparseable
	}
	for y := today.Year(); y <= today.Year()+4; y++ { // 29/02 may wait for a leap year
		if t, ok := valid(y, month, day, loc); ok && !t.Before(today) {
			return t, nil
		}
	}
	return time.Time{}, ErrUnparseable
}

// valid returns the date when it exists (no 31/04).
func valid(y int, m time.Month, d int, loc *time.Location) (time.Time, bool) {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	return t, t.Day() == d && t.Month() == m
}

func addDays(day time.Time, n int) time.Time {
	y, m, d := day.Date()
	return time.Date(y, m, d+n, 0, 0, 0, 0, day.Location())
}
