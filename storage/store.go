package storage

import (
	"context"
	"time"
)

// Committer applies a Change atomically.
type Committer interface {
	// Commit writes the whole change or nothing. Returns ErrConflict when a
	// dialog or ticket version does not match, ErrDuplicate when the Seen
	// marker exists or the Mark's stream is at or past it, ErrInvalid for a
	// malformed change.
	Commit(ctx context.Context, c Change) (Committed, error)
}

// Tickets reads CT-RG.03 requests.
type Tickets interface {
	// Ticket returns the ticket with the folio, or ErrNotFound.
	Ticket(ctx context.Context, folio string) (Ticket, error)
	// Tickets lists the tickets matching f, oldest first.
	Tickets(ctx context.Context, f TicketFilter) ([]Ticket, error)
}

// Bitacora reads and appends the CT-RG.02 log.
type Bitacora interface {
	// AppendLog appends entries outside any other change.
	AppendLog(ctx context.Context, entries ...LogEntry) error
	// Log lists entries matching f in the order they were appended.
	Log(ctx context.Context, f LogFilter) ([]LogEntry, error)
}

// Dialogs reads conversation state.
type Dialogs interface {
	// Dialog returns the person's dialog, or ErrNotFound when there is none
	// or it expired.
	Dialog(ctx context.Context, person string) (Dialog, error)
}

// Directory keeps people and areas.
type Directory interface {
	// Person returns the person with the id, or ErrNotFound.
	Person(ctx context.Context, id string) (Person, error)
	// PersonByAccount finds the person linked to an account of a platform, or ErrNotFound.
	PersonByAccount(ctx context.Context, platform, account string) (Person, error)
	// People lists everyone, sorted by id.
	People(ctx context.Context) ([]Person, error)
	// PutPerson creates or replaces a person.
	PutPerson(ctx context.Context, p Person) error
	// Areas lists the areas, sorted by id.
	Areas(ctx context.Context) ([]Area, error)
	// PutArea creates or replaces an area.
	PutArea(ctx context.Context, a Area) error
}

// Outbox holds messages until they are delivered.
type Outbox interface {
	// ClaimOutbox returns up to limit items whose NotBefore is not after now,
	// in Seq order, and hides them from other claims until now+lease.
	ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxItem, error)
	// AckOutbox removes delivered items, all in one call (one round trip
	// on Redis, one transaction on SQLite). Acking an unknown id is not an
	// error.
	AckOutbox(ctx context.Context, ids ...string) error
	// RetryOutbox records a failed attempt: Attempts+1, LastError, and the
	// item is not claimed again before notBefore. ErrNotFound if unknown.
	RetryOutbox(ctx context.Context, id string, notBefore time.Time, lastErr string) error
	// ProgressOutbox records that the first sent platform calls of an item
	// were made (OutboxItem.Sent); the item stays claimed as it was.
	// ErrNotFound if unknown.
	ProgressOutbox(ctx context.Context, id string, sent int) error
	// PendingOutbox counts the items not yet delivered.
	PendingOutbox(ctx context.Context) (int, error)
}

// Seen records handled updates, so a redelivered one is applied once.
type Seen interface {
	// MarkSeen marks key for ttl; it reports false if key was already marked.
	MarkSeen(ctx context.Context, key string, ttl time.Duration) (bool, error)
}

// Files keeps attachment bytes.
type Files interface {
	// PutFile stores f and returns its id (f.ID when set).
	PutFile(ctx context.Context, f File) (string, error)
	// File returns the file with the id, or ErrNotFound.
	File(ctx context.Context, id string) (File, error)
}

// Plan keeps the CT-RG.01 preventive maintenance program.
type Plan interface {
	// PutPlanItems creates or replaces items by id.
	PutPlanItems(ctx context.Context, items ...PlanItem) error
	// PlanItems lists items whose Planned day is in [from, to), by date then id;
	// zero bounds are open.
	PlanItems(ctx context.Context, from, to time.Time) ([]PlanItem, error)
}

// Jobs coordinates scheduled jobs among replicas and across restarts.
type Jobs interface {
	// TryLock takes the named lock for ttl if it is free or expired; it
	// reports whether owner now holds it.
	TryLock(ctx context.Context, name, owner string, ttl time.Duration) (bool, error)
	// Unlock releases the lock if owner holds it.
	Unlock(ctx context.Context, name, owner string) error
	// LastRun returns when the job last ran, or ErrNotFound.
	LastRun(ctx context.Context, job string) (time.Time, error)
	// SetLastRun records when the job ran.
	SetLastRun(ctx context.Context, job string, at time.Time) error
}

// Values keeps small named values (a polling offset, a delivered mark).
type Values interface {
	// Value returns the value, or ErrNotFound.
	Value(ctx context.Context, key string) ([]byte, error)
	// SetValue stores the value; ttl 0 keeps it forever.
	SetValue(ctx context.Context, key string, val []byte, ttl time.Duration) error
}

// Store is everything a store implementation provides.
type Store interface {
	Committer
	Tickets
	TicketQueries
	Bitacora
	Dialogs
	Directory
	Outbox
	Seen
	Files
	Plan
	Jobs
	Values
	Backup
	// Ping checks the store is reachable.
	Ping(ctx context.Context) error
	// Close releases the store's resources.
	Close() error
}
