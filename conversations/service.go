package conversations

import (
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

// Field is one question of a service's form (CT-RG.03). Its texts come from
// the catalog: "<service>.<field>.q" asks it, "<service>.<field>" names it in
// summaries, and "<service>.<field>.<choice>" labels each choice.
type Field struct {
	ID       string
	Kind     FieldKind
	Optional bool
	// Choices are the ids of a choice field's options.
	Choices []string
	// AreaChoice offers the directory's areas as choices.
	AreaChoice bool
	// Max bounds a text answer in characters (default 1000).
	Max int
	// Multi lets a file field take several files until the person says done.
	Multi bool
	// When, if set, asks the field only when it returns true for the answers so far.
	When func(a Answers) bool
	// AllowPast lets a date field take a day before today; by default a
	// date must be today or later.
	AllowPast bool
}

// Answers are a form's answers by field id.
type Answers map[string]string

// Input is what an action asks for before it applies.
type Input int

// The inputs an action may need.
const (
	InputNone      Input = iota
	InputText            // a free text (a reason, a note, requested changes)
	InputDate            // a committed date
	InputDateNote        // a new committed date, then the reason it changed
	InputFiles           // one or more files, then "Listo"
	InputTextOpt         // a free text that may be skipped
	InputAssignee        // a técnico to assign (coordinator)
	InputDateText        // a committed date, then a text that always goes with it (a diagnosis)
	InputTextFiles       // a text, or files then "Listo" (a result sent as a document or typed)
	InputChoice          // one of the action's Choices
	InputURL             // a web address
	InputPick            // one of the files the action PickFrom last sent (a draft)
)

// Action is a transition of a service's state machine. The button that
// triggers it is labelled "<service>.act.<id>" (falling back to "act.<id>").
type Action struct {
	ID   string
	From []string
	// To is the resulting status; Do may choose another one.
	To string
	// Who may take it: a role on the ticket (see package policy).
	Who policy.Actor
	// Input is asked for after the button is pressed and before the action applies.
	Input Input
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
	// Choices are the options of an InputChoice, labelled "<service>.<Field>.<choice>".
	Choices []string
	// Field keeps the action's input (a choice, an address, a picked file) in
	// the ticket's fields, shown on its card as "<service>.<Field>".
	Field string
	// PickFrom names the action whose last files an InputPick chooses among.
	PickFrom string
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
