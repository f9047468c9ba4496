package report

import (
	"time"

	"ctdesk/lib/calendar"
)

// Labels names what the store keeps as codes, as people read them; the
// texts catalogue of conversations provides the one table the records and
// the chat share.
type Labels interface {
	// Status names a service's status ("por_aprobar").
	Status(service, status string) string
	// Action names something done, as a phrase ("crear_cms"); service may
	// be "" when unknown.
	Action(service, action string) string
	// Role names a role ("tecnico").
	Role(role string) string
}

// codes is the Labels of a report built without any: the codes as they are.
type codes struct{}

func (codes) Status(_, status string) string { return status }
func (codes) Action(_, action string) string { return action }
func (codes) Role(role string) string        { return role }

// Signer is who signs the report as having made it: the coordinator of CT.
type Signer struct {
	Name     string
	Position string
}

// DefaultPosition is the signer's position when the directory has none.
const DefaultPosition = "Coordinación de Tecnologías"

// Narrative is what the coordinator writes about the quarter before
// delivering its report.
type Narrative struct {
	Text string
	// By names who wrote it; At is when.
	By string
	At time.Time
}

// Config says how to name things in the report and what else goes in it.
// Zero fields take defaults.
type Config struct {
	Institution string
	// Location is the institution's time zone; the calendar's when nil.
	Location *time.Location
	// Calendar gives the due date; Mexico's holidays in Location when nil.
	Calendar *calendar.Calendar
	// ServiceNames names services by id; DefaultServiceNames fills gaps.
	ServiceNames map[string]string
	// People and Areas name people and areas by id; the id is shown when nil
	// or when they return "".
	People func(id string) string
	Areas  func(id string) string
	// Labels names statuses, actions and roles; the codes are shown when nil.
	Labels Labels
	// Awaiting reports whether a ticket in a status waits for a visto
	// bueno: such a ticket is not yet requested (see Counts).
	Awaiting Awaiting
	// Signer signs the report; Position defaults to DefaultPosition.
	Signer Signer
	// Narrative is the coordinator's text for the quarter, if any.
	Narrative Narrative
	// MaxPhotos bounds the photo memory (DefaultMaxPhotos when 0).
	MaxPhotos int
	// PaperSize is "Letter" (default) or "A4".
	PaperSize string
}

// Awaiting reports whether a ticket of a service, in a status, waits for a
// visto bueno; nil means no status does.
type Awaiting func(service, status string) bool

func (a Awaiting) in(service, status string) bool { return a != nil && a(service, status) }
