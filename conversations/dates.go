package conversations

import (
	"ctdesk/conversations/ask"
	"ctdesk/lib/calendar"
)

// dateKey is how dates are kept in answers and button codes.
const dateKey = ask.DateKey

// dateShown is how dates are shown to people.
const dateShown = calendar.Layout
