package conversations

import (
	"time"

	"ctdesk/conversations/ask"
	"ctdesk/lib/calendar"
)

// dateKey is how dates are kept in answers and button codes.
const dateKey = ask.DateKey

// dateShown is how dates are shown to people.
const dateShown = calendar.Layout

// showDate renders a kept date (yyyy-mm-dd) as dd/mm/aaaa.
func showDate(key string) string {
	d, err := time.Parse(dateKey, key)
	if err != nil {
		return key
	}
	return d.Format(dateShown)
}
