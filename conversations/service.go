package conversations

import (
	"regexp"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// FieldKind is the kind of answer a form field takes.
type FieldKind int

// The kinds of fields a service form may ask for.
const (
	KindText FieldKind = iota
	KindChoice
	KindDate
	KindEmail
	KindYesNo
	KindFile
	KindURL
)

// Field is one question of a service's form (CT-RG.03), of an action's
// input, or of a registration. Its texts come from the catalog: in a form,
// "<service>.<field>.q" asks it, "<service>.<field>" names it in summaries,
// and "<service>.<field>.<choice>" labels each choice.
type Field struct {
	ID       string
	Kind     FieldKind
	Optional bool
	// Choices are the ids of a choice field's options.
	Choices []string
	// AreaChoice offers the directory's areas as choices.
	AreaChoice bool
	// StaffChoice offers the people a ticket may be assigned to.
	StaffChoice bool
	// FilesOf offers as choices the files that action of the ticket sent
	// the last time it applied (the drafts to pick from).
	FilesOf string
	// Max bounds a text answer in characters (default 1000).
	Max int
	// Pattern, if set, is what a text answer must match; Invalid is the
	// catalog key of what to say when it does not.
	Pattern *regexp.Regexp
	Invalid string
	// Multi lets a file field take several files until the person says done.
	Multi bool
	// Files lets a text field be answered with files instead, until the
	// person says done; a typed text still ends it (a result typed or sent
	// as a document).
	Files bool
	// Days offers that many next business days as buttons for a date.
	Days int
	// Keep stores an action's answer in the ticket's fields under the
	// field's id, shown on its card as "<service>.<id>".
	Keep bool
	// When, if set, asks the field only when it returns true for the answers so far.
	When func(a Answers) bool
	// AllowPast lets a date field take a day before today; by default a
	// date must be today or later.
	AllowPast bool
}

// takesFiles reports whether files answer the field.
func (f *Field) takesFiles() bool { return f.Kind == KindFile || f.Files }

// Answers are a form's answers by field id.
type Answers map[string]string

// Action is a transition of a service's state machine. The button that
// triggers it is labelled "<service>.act.<id>" (falling back to "act.<id>").
type Action struct {
	ID   string
	From []string
	// To is the resulting status; Do may choose another one.
	To string
	// Who may take it: a role on the ticket (see package policy).
	Who policy.Actor
	// Input is asked for after the button is pressed and before the action
	// applies: a short sequence of questions (see inputs.go).
	Input []Field
	// Approval records a visto bueno of that kind ("supervisor", "autoridad");
	// Reject marks the refusing action of the pair.
	Approval string
	Reject   bool
	// Assign makes the person who acts the ticket's assignee.
	Assign bool
	// Sign records a signature with this meaning in the ticket and the bitácora.
	Sign string
	// Counter is incremented on the ticket each time the action applies.
	Counter string
	// Do runs the service-specific effects (it may change the target status).
	Do func(a *ActionCtx) error
	// Hidden actions are not offered with the status message; the ticket's
	// view (/ver) still offers them to whoever may take them.
	Hidden bool
	// When, if set, allows the action only for tickets it returns true for
	// (e.g. only for the maintenance kind of a request).
	When func(tk *storage.Ticket) bool
	// Deliver sends the files given as input with the news, to everyone told
	// of it but the sender (drafts to the requester, documents to the técnico).
	Deliver bool
}

// Service declares one of the five services: its form and its workflow.
type Service struct {
	ID     string
	Fields []Field
	// Ready tells whether the service can be requested yet.
	Ready bool
	// Start chooses the first status of a new ticket from its answers.
	Start func(c *Config, t *storage.Ticket) string
	// Actions are the workflow's transitions.
	Actions []Action
	// Notify lists, per status, who is told when a ticket enters it (besides
	// those who get buttons there); the requester is always told.
	Notify map[string]policy.Actor
	// Summary lists the field ids shown in a ticket's summary (default: all answered).
	Summary []string
}

// action returns the service's action with the id.
func (s *Service) action(id string) (*Action, bool) {
	for i := range s.Actions {
		if s.Actions[i].ID == id {
			return &s.Actions[i], true
		}
	}
	return nil, false
}

// field returns the service's field with the id.
func (s *Service) field(id string) (*Field, bool) {
	for i := range s.Fields {
		if s.Fields[i].ID == id {
			return &s.Fields[i], true
		}
	}
	return nil, false
}

// can reports whether the action may apply to the ticket as it is now.
func (a *Action) can(tk *storage.Ticket) bool {
	return a.allows(tk.Status) && (a.When == nil || a.When(tk))
}

// Statuses lists every status the service declares: where its actions
// start and end, and the shared terminal ones.
func (s *Service) Statuses() []string {
	seen := map[string]bool{}
	var out []string
	add := func(st string) {
		if st != "" && !seen[st] {
			seen[st] = true
			out = append(out, st)
		}
	}
	for _, a := range s.Actions {
		for _, f := range a.From {
			add(f)
		}
		add(a.To)
	}
	add(storage.StatusClosed)
	add(storage.StatusRejected)
	add(storage.StatusCancelled)
	return out
}

// Action returns the declared action with the id.
func (s *Service) Action(id string) (*Action, bool) { return s.action(id) }

// allows reports whether the action may start from status.
func (a *Action) allows(status string) bool {
	for _, f := range a.From {
		if f == status {
			return true
		}
	}
	return false
}
