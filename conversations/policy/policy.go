// Package policy decides who may do what on a ticket, and who is asked or
// told when a ticket waits for someone. It is the only place ctdesk decides
// this: a button press, a rating, a look at a ticket (/ver, lists), CT's
// commands and the people a notice goes to are all checked here, and the
// engine writes every refusal to the bitácora.
//
// A ticket's buttons name an action of its service (conversations/
// procedures), and each action declares the roles that may take it. For
// example, «Aprobar» on CT-2026-0042 (a correo alta) is declared for
// Supervisor: only the person the directory names as supervisor of the
// ticket's area may press it, at the step the button was sent for; anyone
// else's press — the requester's, a técnico's, a forwarded message, someone
// not in the directory — is refused and recorded.
package policy

import (
	"slices"

	"ctdesk/storage"
)

// Actor is a role a person may hold on a ticket. An action names the actors
// who may take it; several are combined with |.
type Actor uint

// The roles on a ticket. See roles for who holds each one.
const (
	Requester   Actor = 1 << iota // who asked for the service
	Supervisor                    // the supervisor of the ticket's area
	Autoridad                     // the institutional authority
	Staff                         // CT: any técnico or coordinador
	Assignee                      // the técnico the ticket is assigned to
	Coordinator                   // the coordinador of CT
	Holder                        // who the service is for: see HolderField
)

// HolderField is the ticket field that names, by directory id, the person
// a service is for when it is not the requester (the holder of a new e-mail
// account); without it the requester is the holder.
const HolderField = "titular_id"

// holder returns the id of who the ticket's service is for.
func holder(tk *storage.Ticket) string {
	if id := tk.Fields[HolderField]; id != "" {
		return id
	}
	return tk.Requester
}

// Directory is what the policy reads of people and areas: the directory
// as the engine holds it now, with only active people.
type Directory interface {
	// Supervisor returns the supervisor of an area.
	Supervisor(area string) (storage.Person, bool)
	// WithRole lists the active people with any of the roles, sorted by id.
	WithRole(roles ...storage.Role) []storage.Person
	// Areas lists the areas.
	Areas() []storage.Area
}

// Policy answers over one directory.
type Policy struct{ dir Directory }

// New returns the policy over a directory.
func New(dir Directory) Policy { return Policy{dir: dir} }

// role says who holds an actor's role on a ticket (and so may take the
// actions declared for it), and who is asked when the ticket waits for
// that role: offered its buttons, or told of a status.
type role struct {
	actor Actor
	holds func(p Policy, tk *storage.Ticket, who storage.Person) bool
	asked func(p Policy, tk *storage.Ticket) []storage.Person
}

// roles, in the order people are asked.
var roles = []role{
	{Requester,
		func(_ Policy, tk *storage.Ticket, who storage.Person) bool { return who.ID == tk.Requester },
		func(_ Policy, tk *storage.Ticket) []storage.Person { return []storage.Person{{ID: tk.Requester}} }},
	{Supervisor,
		func(p Policy, tk *storage.Ticket, who storage.Person) bool { return p.isSupervisor(tk, who) },
		func(p Policy, tk *storage.Ticket) []storage.Person { return p.supervisor(tk) }},
	{Autoridad,
		func(_ Policy, _ *storage.Ticket, who storage.Person) bool { return who.Role == storage.RoleAutoridad },
		func(p Policy, _ *storage.Ticket) []storage.Person { return p.dir.WithRole(storage.RoleAutoridad) }},
	// Any técnico may take a ticket of CT's; the one it is assigned to is
	// the one asked, everyone in CT while nobody has it.
	{Staff,
		func(_ Policy, _ *storage.Ticket, who storage.Person) bool { return who.Role.IsStaff() },
		func(p Policy, tk *storage.Ticket) []storage.Person {
			if tk.Assignee != "" {
				return []storage.Person{{ID: tk.Assignee}}
			}
			return p.Assignable()
		}},
	// The coordinator may act for the assignee, but only the assignee is asked.
	{Assignee,
		func(_ Policy, tk *storage.Ticket, who storage.Person) bool {
			return who.ID == tk.Assignee || who.Role == storage.RoleCoordinador
		},
		func(_ Policy, tk *storage.Ticket) []storage.Person {
			if tk.Assignee == "" {
				return nil
			}
			return []storage.Person{{ID: tk.Assignee}}
		}},
	{Coordinator,
		func(_ Policy, _ *storage.Ticket, who storage.Person) bool { return who.Role == storage.RoleCoordinador },
		func(p Policy, _ *storage.Ticket) []storage.Person { return p.dir.WithRole(storage.RoleCoordinador) }},
	{Holder,
		func(_ Policy, tk *storage.Ticket, who storage.Person) bool { return who.ID == holder(tk) },
		func(_ Policy, tk *storage.Ticket) []storage.Person { return []storage.Person{{ID: holder(tk)}} }},
}

// May reports whether a person may take an action declared for the actors
// on the ticket.
func (p Policy) May(actors Actor, tk *storage.Ticket, who storage.Person) bool {
	for _, r := range roles {
		if actors&r.actor != 0 && r.holds(p, tk, who) {
			return true
		}
	}
	return false
}

// Asked lists, without repeats and in a stable order, the ids of who is
// asked when the ticket waits for the actors: who is offered the buttons
// of an action declared for them, or told of a status.
func (p Policy) Asked(actors Actor, tk *storage.Ticket) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range roles {
		if actors&r.actor == 0 {
			continue
		}
		for _, q := range r.asked(p, tk) {
			if !seen[q.ID] {
				seen[q.ID] = true
				out = append(out, q.ID)
			}
		}
	}
	return out
}

// GivesApproval reports whether a person is the one who gives a visto
// bueno declared for the actors: the supervisor of the ticket's area, or
// the authority. Merely being allowed to act on the ticket is not enough:
// a supervisor's own request carries their visto bueno, a coordinator's
// does not carry the authority's.
func (p Policy) GivesApproval(actors Actor, tk *storage.Ticket, who storage.Person) bool {
	switch {
	case actors&Supervisor != 0:
		return p.isSupervisor(tk, who)
	case actors&Autoridad != 0:
		return who.Role == storage.RoleAutoridad
	}
	return false
}

// MayView reports whether a person may see a ticket (its card, history and
// files): its requester, whom it is for, CT, the authority, and the
// supervisor of its area. Anyone else is answered as if the folio did not
// exist.
func (p Policy) MayView(tk *storage.Ticket, who storage.Person) bool {
	return who.ID == tk.Requester || who.ID == holder(tk) || who.Role.IsStaff() || who.Role == storage.RoleAutoridad ||
		p.isSupervisor(tk, who)
}

// MayComment reports whether a person may comment on a ticket: whoever
// may see it.
func (p Policy) MayComment(tk *storage.Ticket, who storage.Person) bool { return p.MayView(tk, who) }

// CommentReaders says who is told of a comment on a ticket: its requester
// and whoever works it, the coordinator while nobody does.
func (p Policy) CommentReaders(tk *storage.Ticket) Actor {
	if tk.Assignee == "" {
		return Requester | Coordinator
	}
	return Requester | Assignee
}

// Listing says which tickets a person's lists show (the web panel's
// queue): those matching any of its terms. Every ticket listed is one
// MayView allows; one that is not listed still opens by its folio when
// MayView allows it.
type Listing struct {
	All        bool     // every ticket: the coordinator
	Requester  bool     // the tickets they asked for: everyone
	Assigned   bool     // the tickets assigned to them: CT
	Unassigned bool     // the open tickets nobody has taken yet: CT's queue
	Areas      []string // the tickets of these areas: the ones they supervise, the authority's own
	// Approves lists the tickets waiting for a visto bueno declared for
	// these actors: the authority's.
	Approves Actor
}

// Lists says which tickets a person's lists show: the coordinator sees
// everything; CT, the queue and their tickets; supervisors and the
// authority, their area's tickets and what waits for their visto bueno;
// everyone, their own requests.
func (p Policy) Lists(who storage.Person) Listing {
	l := Listing{Requester: true}
	switch {
	case MayUse(AllWork, who):
		return Listing{All: true}
	case who.Role.IsStaff():
		l.Assigned, l.Unassigned = true, true
	case who.Role == storage.RoleAutoridad:
		l.Approves = Autoridad
		if who.Area != "" {
			l.Areas = append(l.Areas, who.Area)
		}
	}
	for _, a := range p.dir.Areas() {
		if a.Supervisor == who.ID && !slices.Contains(l.Areas, a.ID) {
			l.Areas = append(l.Areas, a.ID)
		}
	}
	return l
}

// Scope is the listing as a store query's scope, for who: open are the
// statuses of tickets still open (for the unassigned ones), approving the
// statuses where the visto bueno it lists waits. Someone with no listing
// at all sees their own requests only.
func (l Listing) Scope(who storage.Person, open, approving []string) storage.TicketScope {
	if l.All {
		return storage.TicketScope{All: true}
	}
	sc := storage.TicketScope{Areas: l.Areas}
	if l.Requester {
		sc.Requester = who.ID
	}
	if l.Assigned {
		sc.Assignee = who.ID
	}
	if l.Unassigned {
		sc.UnassignedIn = open
	}
	if l.Approves != 0 {
		sc.Statuses = approving
	}
	if sc.Everything() {
		sc.Requester = who.ID
	}
	return sc
}

// Assignable lists who a ticket may be assigned to: CT's técnicos and
// coordinador, by id.
func (p Policy) Assignable() []storage.Person {
	return p.dir.WithRole(storage.RoleTecnico, storage.RoleCoordinador)
}

// MayRate reports whether a person may rate a ticket: its requester, unless
// they also worked it.
func MayRate(tk *storage.Ticket, who storage.Person) bool {
	return who.ID == tk.Requester && who.ID != tk.Assignee
}

// Command is something CT does outside any one ticket's workflow.
type Command int

// CT's commands.
const (
	Queue         Command = iota // see CT's work queue (/cola)
	Indicator                    // see the quarter's indicator (/kpi)
	AllWork                      // see in the queue the tickets assigned to others
	Report                       // get the report DP-RG.02, mark it delivered (/informe, /entregado)
	Program                      // see and import the CT-RG.01 program (/programa, sending its file)
	Registrations                // accept or reject who registers
	Log                          // read the bitácora CT-RG.02
)

// MayUse reports whether a person may use one of CT's commands: the queue
// and the indicator are for all of CT; the rest, for the coordinator.
func MayUse(c Command, who storage.Person) bool {
	switch c {
	case Queue, Indicator:
		return who.Role.IsStaff()
	}
	return who.Role == storage.RoleCoordinador
}

// Users lists the active people who may use a command, sorted by id: who
// is asked when it waits for someone (a registration, for the coordinator).
func (p Policy) Users(c Command) []storage.Person {
	var out []storage.Person
	for _, q := range p.dir.WithRole(storage.RoleUsuario, storage.RoleSupervisor, storage.RoleAutoridad, storage.RoleTecnico, storage.RoleCoordinador) {
		if MayUse(c, q) {
			out = append(out, q)
		}
	}
	return out
}

func (p Policy) isSupervisor(tk *storage.Ticket, who storage.Person) bool {
	s, ok := p.dir.Supervisor(tk.Area)
	return ok && s.ID == who.ID
}

func (p Policy) supervisor(tk *storage.Ticket) []storage.Person {
	if s, ok := p.dir.Supervisor(tk.Area); ok {
		return []storage.Person{s}
	}
	return nil
}
