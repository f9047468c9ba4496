package storage

import "time"

// LogEntry is a line of the Bitácora de la Coordinación de Tecnologías (CT-RG.02).
// The bitácora is append-only: entries are never changed or removed.
type LogEntry struct {
	Seq    int64     `json:"seq"` // assigned by the store, strictly increasing
	At     time.Time `json:"at"`
	Who    string    `json:"who"`
	Role   Role      `json:"role"`
	Folio  string    `json:"folio,omitempty"`
	Action string    `json:"action"`
	Detail string    `json:"detail,omitempty"`
}

// LogFilter selects bitácora entries; zero fields match everything.
type LogFilter struct {
	Folio    string
	From, To time.Time // At in [From, To)
	Limit    int
}

// Match reports whether e satisfies the filter.
func (f LogFilter) Match(e *LogEntry) bool {
	switch {
	case f.Folio != "" && e.Folio != f.Folio,
		!f.From.IsZero() && e.At.Before(f.From),
		!f.To.IsZero() && !e.At.Before(f.To):
		return false
	}
	return true
}
