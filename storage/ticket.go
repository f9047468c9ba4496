package storage

import "time"

// Ticket is a request CT-RG.03 (Solicitud de Servicios de Tecnologías).
type Ticket struct {
	Folio     string `json:"folio"`   // CT-YYYY-NNNN, assigned by the store
	Version   int64  `json:"version"` // bumped by every committed change
	Service   string `json:"service"` // mantenimiento, web, correo, diseno, control-escolar
	Requester string `json:"requester"`
	Area      string `json:"area"`
	Status    string `json:"status"`
	Assignee  string `json:"assignee,omitempty"`
	// Programmed marks a ticket that comes from the CT-RG.01 program rather
	// than from a request.
	Programmed bool `json:"programmed,omitempty"`
	// Fields are the answers of the service's form, by field id.
	Fields    map[string]string `json:"fields,omitempty"`
	Approvals []Approval        `json:"approvals,omitempty"`
	History   []Transition      `json:"history,omitempty"`
	// Dates are the committed dates, oldest first; more than one means the
	// date slipped, and each later one carries its reason.
	Dates       []CommittedDate `json:"dates,omitempty"`
	Attachments []Attachment    `json:"attachments,omitempty"`
	Signatures  []Signature     `json:"signatures,omitempty"`
	// Counters count loops and events: change rounds, drafts sent, reschedules.
	Counters map[string]int `json:"counters,omitempty"`
	Rating   *Rating        `json:"rating,omitempty"`
	Created  time.Time      `json:"created"`
	Updated  time.Time      `json:"updated"`
	Closed   time.Time      `json:"closed,omitzero"`
}

// Approval is a visto bueno given or refused.
type Approval struct {
	Kind     string    `json:"kind"` // "supervisor" or "autoridad"
	By       string    `json:"by"`
	Role     Role      `json:"role"`
	Approved bool      `json:"approved"`
	Reason   string    `json:"reason,omitempty"`
	At       time.Time `json:"at"`
}

// Transition is one line of a ticket's status history.
type Transition struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Role   Role      `json:"role"`
	From   string    `json:"from"`
	To     string    `json:"to"`
	Action string    `json:"action"`
	Note   string    `json:"note,omitempty"`
}

// CommittedDate is a date CT committed to (solution, delivery, publication).
type CommittedDate struct {
	Date   time.Time `json:"date"`
	Reason string    `json:"reason,omitempty"` // why it replaced the previous one
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

// Attachment is a file kept with a ticket; its bytes live in the Files store.
type Attachment struct {
	FileID string    `json:"file_id"`
	Name   string    `json:"name"`
	MIME   string    `json:"mime,omitempty"`
	Size   int64     `json:"size"`
	Photo  bool      `json:"photo,omitempty"`
	Step   string    `json:"step,omitempty"` // the field or action it answered
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// ForReport marks a photo CT chose for the photo memory of the report
	// DP-RG.02, with its Caption.
	ForReport bool   `json:"for_report,omitempty"`
	Caption   string `json:"caption,omitempty"`
}

// Signature is a signature of responsibility or conformity given with a button.
type Signature struct {
	What string    `json:"what"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// Rating is the requester's 1–5 evaluation of a closed ticket.
type Rating struct {
	Score   int       `json:"score"`
	Comment string    `json:"comment,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// DueDate returns the latest committed date, or the zero time when none.
func (t *Ticket) DueDate() time.Time {
	if len(t.Dates) == 0 {
		return time.Time{}
	}
	return t.Dates[len(t.Dates)-1].Date
}

// TicketFilter selects tickets; zero fields match everything.
type TicketFilter struct {
	Statuses  []string
	Requester string
	Assignee  string
	Service   string
	Area      string
	// CreatedFrom (inclusive) and CreatedTo (exclusive) bound the creation time.
	CreatedFrom, CreatedTo time.Time
	Limit                  int // 0: no limit
}

// Match reports whether t satisfies the filter; implementations may use it to
// finish a coarse index lookup.
func (f TicketFilter) Match(t *Ticket) bool {
	if len(f.Statuses) > 0 {
		ok := false
		for _, s := range f.Statuses {
			if t.Status == s {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	switch {
	case f.Requester != "" && t.Requester != f.Requester,
		f.Assignee != "" && t.Assignee != f.Assignee,
		f.Service != "" && t.Service != f.Service,
		f.Area != "" && t.Area != f.Area,
		!f.CreatedFrom.IsZero() && t.Created.Before(f.CreatedFrom),
		!f.CreatedTo.IsZero() && !t.Created.Before(f.CreatedTo):
		return false
	}
	return true
}

// Statuses shared by every service; each service adds its own in between.
const (
	StatusClosed    = "cerrado"   // fulfilled: the service was delivered
	StatusRejected  = "rechazado" // the visto bueno was refused
	StatusCancelled = "cancelado" // withdrawn by the requester before work started
)

// Terminal reports whether the ticket has ended (closed, rejected or cancelled).
func (t *Ticket) Terminal() bool {
	switch t.Status {
	case StatusClosed, StatusRejected, StatusCancelled:
		return true
	}
	return false
}
