package report

import "time"

// Request is a request CT-RG.03 (Solicitud de Servicios de Tecnologías) as
// it is printed: every code already named as people read it, by whoever
// builds it from the ticket (the engine knows the services and the texts).
type Request struct {
	Institution string
	Folio       string
	Service     string // the service's name
	Programmed  bool   // opened from the CT-RG.01 program
	// Requester is who asked, with Position and Area by name.
	Requester, Position, Area string
	Status                    string
	Assignee                  string // "" while unassigned
	Created, Closed           time.Time
	// Fields are the answers of the request's form, then what CT's work
	// recorded (a content kind, a published address), in order.
	Fields      []Field
	Approvals   []RequestApproval
	Dates       []RequestDate
	Signatures  []RequestSignature
	History     []RequestStep
	Attachments []RequestFile
	// Rating is the requester's evaluation; Score 0 when none.
	Rating    RequestRating
	Location  *time.Location
	Generated time.Time
	PaperSize string
}

// Field is a labelled answer.
type Field struct{ Label, Value string }

// RequestApproval is a visto bueno given or refused.
type RequestApproval struct {
	Kind     string // who gives it: «jefe inmediato», «autoridad»
	By       string
	Approved bool
	Reason   string
	At       time.Time
}

// RequestDate is a date CT committed to; Reason says why it replaced the
// one before.
type RequestDate struct {
	Date   time.Time
	Reason string
	By     string
	At     time.Time
}

// RequestSignature is a signature given in chat: of the equipment's
// withdrawal or return, of responsibility, of conformity.
type RequestSignature struct {
	What string
	By   string
	At   time.Time
}

// RequestStep is a line of the request's history.
type RequestStep struct {
	At     time.Time
	Action string // as done: «Visto bueno otorgado»
	By     string // name, and role
	Note   string
}

// RequestFile is a file kept with the request.
type RequestFile struct {
	Name, Step, By string
	At             time.Time
	ForReport      bool
	Caption        string
}

// RequestRating is the requester's 1–5 evaluation.
type RequestRating struct {
	Score   int
	Comment string
	At      time.Time
}
