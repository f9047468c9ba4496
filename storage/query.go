package storage

import (
	"context"
	"time"
)

// TicketQueries lists tickets a page at a time, for listings that must stay
// fast with years of tickets (the web panel's queue).
type TicketQueries interface {
	// QueryTickets returns the page of tickets that q selects, in its
	// order, and how many it selects in all. ErrInvalid for a malformed
	// query (a negative offset or limit, an unknown sort).
	QueryTickets(ctx context.Context, q TicketQuery) (TicketPage, error)
}

// TicketQuery selects tickets for a listing; zero fields select everything.
type TicketQuery struct {
	// Scope keeps only the tickets a person may have listed.
	Scope TicketScope
	// Statuses, Service, Area and Assignee narrow like TicketFilter's;
	// Unassigned keeps only tickets nobody has.
	Statuses                []string
	Service, Area, Assignee string
	Unassigned              bool
	// CreatedFrom (inclusive) and CreatedTo (exclusive) bound the creation time.
	CreatedFrom, CreatedTo time.Time
	// DueBefore keeps the tickets whose latest committed date is before it.
	DueBefore time.Time
	// Search keeps the tickets it finds (see TicketSearch).
	Search TicketSearch
	// Sort orders the tickets, then by folio; Desc reverses both.
	Sort SortKey
	Desc bool
	// Offset skips that many tickets; Limit bounds the page (0: all).
	Offset, Limit int
}

// TicketScope is the union of the tickets a person may have listed: a
// ticket is kept when it matches any term. The zero scope (and All) keeps
// every ticket.
type TicketScope struct {
	All bool
	// Requester and Assignee keep the tickets a person asked for or has.
	Requester, Assignee string
	// UnassignedIn keeps the tickets nobody has, in these statuses.
	UnassignedIn []string
	// Areas keeps the tickets of these areas.
	Areas []string
	// Statuses keeps the tickets in these statuses.
	Statuses []string
}

// Everything reports whether the scope keeps every ticket.
func (s TicketScope) Everything() bool {
	return s.All || (s.Requester == "" && s.Assignee == "" && len(s.UnassignedIn) == 0 &&
		len(s.Areas) == 0 && len(s.Statuses) == 0)
}

// Match reports whether the scope keeps t.
func (s TicketScope) Match(t *Ticket) bool {
	switch {
	case s.Everything(),
		s.Requester != "" && t.Requester == s.Requester,
		s.Assignee != "" && t.Assignee == s.Assignee,
		t.Assignee == "" && contains(s.UnassignedIn, t.Status),
		contains(s.Areas, t.Area),
		contains(s.Statuses, t.Status):
		return true
	}
	return false
}

// TicketSearch finds tickets by what people type: a ticket is found when
// every one of Words begins one of its SearchWords, or when its requester
// is one of Requesters (people found by name). Empty finds everything.
type TicketSearch struct {
	Words      []string
	Requesters []string
}

// Empty reports whether the search finds everything.
func (s TicketSearch) Empty() bool { return len(s.Words) == 0 && len(s.Requesters) == 0 }

// Match reports whether the search finds t, whose search words (as
// SearchText writes them) are text.
func (s TicketSearch) Match(t *Ticket, text string) bool {
	if s.Empty() || contains(s.Requesters, t.Requester) {
		return true
	}
	if len(s.Words) == 0 {
		return false
	}
	for _, w := range s.Words {
		if !hasWordPrefix(text, w) {
			return false
		}
	}
	return true
}

// SortKey is what a listing is ordered by.
type SortKey string

// The orders a listing may take.
const (
	SortCreated SortKey = ""        // creation time (the default)
	SortUpdated SortKey = "updated" // last change
	SortDue     SortKey = "due"     // latest committed date; tickets without one last
)

// Valid reports whether k is a known order.
func (k SortKey) Valid() bool { return k == SortCreated || k == SortUpdated || k == SortDue }

// TicketPage is one page of a listing.
type TicketPage struct {
	Tickets []Ticket
	// Total counts every ticket the query selects, on every page.
	Total int
}

// Match reports whether t satisfies every condition of q but its search,
// which needs the ticket's search words (TicketSearch.Match).
func (q *TicketQuery) Match(t *Ticket) bool {
	f := TicketFilter{Statuses: q.Statuses, Service: q.Service, Area: q.Area, Assignee: q.Assignee,
		CreatedFrom: q.CreatedFrom, CreatedTo: q.CreatedTo}
	if !f.Match(t) || !q.Scope.Match(t) || (q.Unassigned && t.Assignee != "") {
		return false
	}
	if !q.DueBefore.IsZero() {
		due := t.DueDate()
		if due.IsZero() || !due.Before(q.DueBefore) {
			return false
		}
	}
	return true
}

// Check returns ErrInvalid for a malformed query.
func (q *TicketQuery) Check() error {
	if q.Offset < 0 || q.Limit < 0 || !q.Sort.Valid() {
		return ErrInvalid
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
