package conversations

import (
	"strings"
	"time"

	"ctdesk/lib/calendar"
)

// dateKey is how dates are kept in answers and button codes.
const dateKey = "2006-01-02"

// dateShown is how dates are shown to people.
const dateShown = calendar.Layout

// parseDate reads a date typed by a person; msg explains what is wrong.
func (t *turn) parseDate(text string, allowPast bool) (time.Time, string) {
	loc := t.e.cfg.Location
	d, err := calendar.ParseDate(strings.TrimSpace(text), t.now.In(loc), loc)
	if err != nil {
		return time.Time{}, t.tr("form.date.invalid")
	}
	today := midnight(t.now.In(loc))
	if !allowPast && d.Before(today) {
		return time.Time{}, t.tr("form.date.past", today.Format(dateShown))
	}
	return d, ""
}

// midnight is the start of t's day in t's location.
func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// showDate renders a kept date (yyyy-mm-dd) as dd/mm/aaaa.
func showDate(key string) string {
	d, err := time.Parse(dateKey, key)
	if err != nil {
		return key
	}
	return d.Format(dateShown)
}
