package policy_test

import (
	"slices"
	"sort"
	"testing"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// directory is the example directory of DESIGN §6 with a second supervisor,
// of an area that is not the ticket's.
type directory map[string]storage.Person

var (
	areas = map[string]string{"finanzas": "luis", "tecnologias": "ana", "escolares": "mara"}
	dir   = directory{
		"ana":  {ID: "ana", Role: storage.RoleCoordinador, Area: "tecnologias"},
		"beto": {ID: "beto", Role: storage.RoleTecnico, Area: "tecnologias"},
		"caro": {ID: "caro", Role: storage.RoleTecnico, Area: "tecnologias"},
		"luis": {ID: "luis", Role: storage.RoleSupervisor, Area: "finanzas"},
		"mara": {ID: "mara", Role: storage.RoleSupervisor, Area: "escolares"},
		"rosa": {ID: "rosa", Role: storage.RoleUsuario, Area: "finanzas"},
		"olga": {ID: "olga", Role: storage.RoleUsuario, Area: "finanzas"},
		"rect": {ID: "rect", Role: storage.RoleAutoridad, Area: "rectoria"},
	}
)

func (d directory) Supervisor(area string) (storage.Person, bool) {
	p, ok := d[areas[area]]
	return p, ok
}

func (d directory) WithRole(roles ...storage.Role) []storage.Person {
	var out []storage.Person
	for _, p := range d {
		if slices.Contains(roles, p.Role) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (d directory) Areas() []storage.Area {
	var out []storage.Area
	for id, sup := range areas {
		out = append(out, storage.Area{ID: id, Supervisor: sup})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// everyone in the directory, and someone who is not in it.
var everyone = []string{"ana", "beto", "caro", "luis", "mara", "rosa", "olga", "rect", "telegram:999"}

func person(id string) storage.Person {
	if p, ok := dir[id]; ok {
		return p
	}
	return storage.Person{ID: id}
}

// allowed lists who of everyone passes a check.
func allowed(check func(storage.Person) bool) []string {
	var out []string
	for _, id := range everyone {
		if check(person(id)) {
			out = append(out, id)
		}
	}
	return out
}

func TestMay(t *testing.T) {
	pol := policy.New(dir)
	rosas := &storage.Ticket{Folio: "CT-2026-0042", Requester: "rosa", Area: "finanzas"}
	betos := &storage.Ticket{Folio: "CT-2026-0043", Requester: "rosa", Area: "finanzas", Assignee: "beto"}
	tests := []struct {
		name   string
		actors policy.Actor
		tk     *storage.Ticket
		want   []string
	}{
		{"Aprobar: the supervisor of the ticket's area", policy.Supervisor, rosas, []string{"luis"}},
		{"Autorizar: the authority", policy.Autoridad, rosas, []string{"rect"}},
		{"Cancelar: the requester", policy.Requester, rosas, []string{"rosa"}},
		{"Tomar: anyone in CT", policy.Staff, rosas, []string{"ana", "beto", "caro"}},
		{"Asignar: the coordinator", policy.Coordinator, rosas, []string{"ana"}},
		{"Terminar: the assignee or the coordinator", policy.Assignee, betos, []string{"ana", "beto"}},
		{"No procede: the assignee or the coordinator", policy.Assignee | policy.Coordinator, betos, []string{"ana", "beto"}},
		{"unassigned: only the coordinator acts for the assignee", policy.Assignee, rosas, []string{"ana"}},
		{"requester or supervisor", policy.Requester | policy.Supervisor, rosas, []string{"luis", "rosa"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := allowed(func(p storage.Person) bool { return pol.May(tc.actors, tc.tk, p) })
			sort.Strings(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("may: got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAsked(t *testing.T) {
	pol := policy.New(dir)
	open := &storage.Ticket{Requester: "rosa", Area: "finanzas"}
	taken := &storage.Ticket{Requester: "rosa", Area: "finanzas", Assignee: "beto"}
	tests := []struct {
		name   string
		actors policy.Actor
		tk     *storage.Ticket
		want   []string
	}{
		{"supervisor", policy.Supervisor, open, []string{"luis"}},
		{"CT while nobody has it", policy.Staff, open, []string{"ana", "beto", "caro"}},
		{"CT once assigned: the assignee", policy.Staff, taken, []string{"beto"}},
		{"assignee of an unassigned ticket: nobody", policy.Assignee, open, nil},
		{"cancellation notice, in order and once each", policy.Requester | policy.Assignee | policy.Coordinator, taken, []string{"rosa", "beto", "ana"}},
		{"area without a supervisor", policy.Supervisor, &storage.Ticket{Area: "nadie"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := pol.Asked(tc.actors, tc.tk); !slices.Equal(got, tc.want) {
				t.Errorf("asked: got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGivesApproval(t *testing.T) {
	pol := policy.New(dir)
	tk := &storage.Ticket{Requester: "rosa", Area: "finanzas"}
	if got := allowed(func(p storage.Person) bool { return pol.GivesApproval(policy.Supervisor, tk, p) }); !slices.Equal(got, []string{"luis"}) {
		t.Errorf("supervisor's visto bueno: got %v, want [luis]", got)
	}
	if got := allowed(func(p storage.Person) bool { return pol.GivesApproval(policy.Autoridad, tk, p) }); !slices.Equal(got, []string{"rect"}) {
		t.Errorf("authority's visto bueno: got %v, want [rect]", got)
	}
	if got := allowed(func(p storage.Person) bool { return pol.GivesApproval(policy.Requester|policy.Staff, tk, p) }); got != nil {
		t.Errorf("an action that is no visto bueno: got %v, want nobody", got)
	}
}

func TestMayView(t *testing.T) {
	pol := policy.New(dir)
	tk := &storage.Ticket{Requester: "rosa", Area: "finanzas", Assignee: "beto"}
	got := allowed(func(p storage.Person) bool { return pol.MayView(tk, p) })
	// Not olga (same area, not hers), not mara (another area's supervisor),
	// not someone outside the directory.
	if want := []string{"ana", "beto", "caro", "luis", "rosa", "rect"}; !slices.Equal(got, want) {
		t.Errorf("may view: got %v, want %v", got, want)
	}
}

func TestMayRate(t *testing.T) {
	mine := &storage.Ticket{Requester: "rosa", Assignee: "beto"}
	own := &storage.Ticket{Requester: "beto", Assignee: "beto"}
	if got := allowed(func(p storage.Person) bool { return policy.MayRate(mine, p) }); !slices.Equal(got, []string{"rosa"}) {
		t.Errorf("rate: got %v, want [rosa]", got)
	}
	if got := allowed(func(p storage.Person) bool { return policy.MayRate(own, p) }); got != nil {
		t.Errorf("rate one's own work: got %v, want nobody", got)
	}
}

func TestUsers(t *testing.T) {
	pol := policy.New(dir)
	var got []string
	for _, p := range pol.Users(policy.Registrations) {
		got = append(got, p.ID)
	}
	if !slices.Equal(got, []string{"ana"}) {
		t.Errorf("asked to decide a registration: got %v, want [ana]", got)
	}
}

func TestMayUse(t *testing.T) {
	tests := []struct {
		c    policy.Command
		want []string
	}{
		{policy.Queue, []string{"ana", "beto", "caro"}},
		{policy.Indicator, []string{"ana", "beto", "caro"}},
		{policy.AllWork, []string{"ana"}},
		{policy.Report, []string{"ana"}},
		{policy.Program, []string{"ana"}},
		{policy.Registrations, []string{"ana"}},
		{policy.Log, []string{"ana"}},
	}
	for _, tc := range tests {
		if got := allowed(func(p storage.Person) bool { return policy.MayUse(tc.c, p) }); !slices.Equal(got, tc.want) {
			t.Errorf("command %d: got %v, want %v", tc.c, got, tc.want)
		}
	}
}

func TestLists(t *testing.T) {
	pol := policy.New(dir)
	open := []string{"recibida", "en_reparacion", "por_autorizar"}
	waiting := map[policy.Actor][]string{policy.Autoridad: {"por_autorizar"}}
	tickets := map[string]*storage.Ticket{
		"a": {Requester: "rosa", Area: "finanzas", Assignee: "beto", Status: "en_reparacion"},
		"b": {Requester: "olga", Area: "finanzas", Status: "recibida"},
		"c": {Requester: "mara", Area: "escolares", Assignee: "caro", Status: "en_reparacion"},
		"d": {Requester: "luis", Area: "finanzas", Status: "por_autorizar"},
		"e": {Requester: "rosa", Area: "finanzas", Status: storage.StatusClosed},
	}
	// What a store's query keeps of the listing (the panel's queue).
	listed := func(l policy.Listing, tk *storage.Ticket, who storage.Person) bool {
		return l.Scope(who, open, waiting[l.Approves]).Match(tk)
	}
	want := map[string]string{
		"ana": "abcde", "beto": "abd", "caro": "bcd", "luis": "abde", "mara": "c",
		"rosa": "ae", "olga": "b", "rect": "d", "telegram:999": "",
	}
	for _, id := range everyone {
		who := person(id)
		l := pol.Lists(who)
		var got string
		for _, k := range []string{"a", "b", "c", "d", "e"} {
			if listed(l, tickets[k], who) {
				got += k
				if !pol.MayView(tickets[k], who) {
					t.Errorf("%s lists ticket %s, which MayView does not allow", id, k)
				}
			}
		}
		if got != want[id] {
			t.Errorf("%s lists %q, want %q", id, got, want[id])
		}
	}
}
