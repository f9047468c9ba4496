package sqlitestore

import (
	"time"
)

// nanos stores an instant as UTC unix nanoseconds; the zero time is 0.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromNanos is the inverse of nanos.
func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// expiresAt is when a record written at now with ttl expires; 0 is never.
func expiresAt(now time.Time, ttl time.Duration) int64 {
	if ttl <= 0 {
		return 0
	}
	return now.Add(ttl).UnixNano()
}

// live is the SQL condition of a row that has not expired at ?.
const live = "(expires_at = 0 OR expires_at > ?)"
