package calendar

import (
	"strings"
	"time"
)

// ParseMoment reads a date as ParseDate does, with an optional time of
// day after it («30/09/2026 18:00», «mañana 8:30»); without a time, the
// moment is at the hour given.
func ParseMoment(text string, now time.Time, loc *time.Location, hour int) (time.Time, error) {
	words := strings.Fields(text)
	minute := 0
	if n := len(words); n > 1 {
		for _, layout := range []string{"15:04", "15.04"} {
			if t, err := time.Parse(layout, words[n-1]); err == nil {
				hour, minute, words = t.Hour(), t.Minute(), words[:n-1]
				break
			}
		}
	}
	day, err := ParseDate(strings.Join(words, " "), now, loc)
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := day.In(loc).Date()
	return time.Date(y, m, d, hour, minute, 0, 0, loc), nil
}
