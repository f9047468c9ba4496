package calendar

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// FuzzParseDate: whatever is typed, ParseDate gives midnight of an existing
// day or ErrUnparseable; the day it gives, written as dd/mm/yyyy or as
// «d de <mes> de yyyy», is read back as the same day; and a dd/mm/yyyy date
// is the day it names.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"mañana", "pasado mañana", "en 3 días", "dentro de dos semanas", "el viernes",
		"próximo lunes", "este viernes", "15/01/2027", "15-01-27", "15.1.2027", "15/1", "el 15", "31/02/2027",
		"lunes 15 de enero", "15 ene 2027", "martes 15 de enero de 2027", "", "99999999999/1/1"} {
		f.Add(s, int64(1795000000), uint8(3), uint8(2), uint16(2027))
	}
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string, unix int64, d, m uint8, y uint16) {
		now := time.Unix(946684800+abs(unix)%(100*365*86400), 0) // 2000 to 2100
		got, err := ParseDate(text, now, loc)
		if err != nil {
			if !errors.Is(err, ErrUnparseable) {
				t.Fatalf("ParseDate(%q): %v, not ErrUnparseable", text, err)
			}
		} else {
			checkDay(t, text, got, now, loc)
		}
		day, month, year := int(d)%32, time.Month(m%13), int(y)%10000
		typed := fmt.Sprintf("%02d/%02d/%04d", day, month, year)
		got, err = ParseDate(typed, now, loc)
		want, exists := valid(year, month, day, loc)
		switch {
		case exists && year >= 1000 && (err != nil || !got.Equal(want)):
			t.Fatalf("ParseDate(%q) = %v, %v; want %v", typed, got, err, want)
		case !exists && err == nil:
			t.Fatalf("ParseDate(%q) = %v for a day that does not exist", typed, got)
		}
	})
}

// checkDay checks a parsed day: midnight in loc, and read back the same
// from the ways it is shown to people.
func checkDay(t *testing.T, text string, got, now time.Time, loc *time.Location) {
	if got.Location() != loc || got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0 || got.Nanosecond() != 0 {
		t.Fatalf("ParseDate(%q) = %v, not midnight in %v", text, got, loc)
	}
	months := []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
		"octubre", "noviembre", "diciembre"}
	for _, shown := range []string{got.Format("02/01/2006"),
		fmt.Sprintf("%d de %s de %d", got.Day(), months[got.Month()-1], got.Year())} {
		if got.Year() < 1000 || got.Year() > 9999 {
			return
		}
		again, err := ParseDate(shown, now, loc)
		if err != nil || !again.Equal(got) {
			t.Fatalf("ParseDate(%q) = %v, but %q reads as %v, %v", text, got, shown, again, err)
		}
	}
}

func abs(n int64) int64 {
	if n < 0 {
		return -(n + 1)
	}
	return n
}
