package storage

import (
	"context"
	"iter"
	"time"
)

// Record is one record of a backup, in a form both stores read and write:
// exactly one field is set.
type Record struct {
	Area   *Area         `json:"area,omitempty"`
	Person *Person       `json:"person,omitempty"`
	Plan   *PlanItem     `json:"plan,omitempty"`
	Folio  *FolioCounter `json:"folio,omitempty"`
	Ticket *Ticket       `json:"ticket,omitempty"`
	Log    *LogEntry     `json:"log,omitempty"`
	Outbox *OutboxItem   `json:"outbox,omitempty"`
	Dialog *DialogCopy   `json:"dialog,omitempty"`
	Job    *JobRun       `json:"job,omitempty"`
	Value  *ValueCopy    `json:"value,omitempty"`
	File   *FileCopy     `json:"file,omitempty"`
}

// Kind names the record's kind ("ticket", "log"…), "" for an empty record.
func (r *Record) Kind() string {
	switch {
	case r.Area != nil:
		return "area"
	case r.Person != nil:
		return "person"
	case r.Plan != nil:
		return "plan"
	case r.Folio != nil:
		return "folio"
	case r.Ticket != nil:
		return "ticket"
	case r.Log != nil:
		return "log"
	case r.Outbox != nil:
		return "outbox"
	case r.Dialog != nil:
		return "dialog"
	case r.Job != nil:
		return "job"
	case r.Value != nil:
		return "value"
	case r.File != nil:
		return "file"
	}
	return ""
}

// FolioCounter is the last folio number given in a year.
type FolioCounter struct {
	Year int   `json:"year"`
	Last int64 `json:"last"`
}

// DialogCopy is a dialog with the instant it expires.
type DialogCopy struct {
	Dialog
	Expires time.Time `json:"expires,omitzero"`
}

// JobRun is when a scheduled job last ran.
type JobRun struct {
	Job     string    `json:"job"`
	LastRun time.Time `json:"last_run"`
}

// ValueCopy is a named value with the instant it expires (zero: never).
type ValueCopy struct {
	Key     string    `json:"key"`
	Value   []byte    `json:"value"`
	Expires time.Time `json:"expires,omitzero"`
}

// FileCopy is a file with its bytes.
type FileCopy struct {
	File
	Bytes []byte `json:"bytes"`
}

// Backup copies a store's records out and in, for backups and for moving
// from one store to another. Update markers and job locks are not records:
// they are neither exported nor restored.
type Backup interface {
	// Export calls emit with every record of one consistent snapshot, in
	// this order: areas, people, plan items, folio counters, tickets,
	// bitácora entries and outbox items (each in Seq order), dialogs, job
	// runs, values, then files. It stops at the first error emit returns.
	Export(ctx context.Context, emit func(Record) error) error
	// Restore replaces everything the store holds with the records, which
	// come in Export's order; Seq numbers, versions and folio counters are
	// kept, expired dialogs and values are dropped. An error from the
	// sequence aborts the restore.
	Restore(ctx context.Context, records iter.Seq2[Record, error]) error
	// HoldsRecords reports whether the store holds records a restore would
	// lose: tickets, bitácora entries, plan items, files, outbox messages or
	// folio counters. People and areas alone (seeded from the
	// configuration at start) do not count.
	HoldsRecords(ctx context.Context) (bool, error)
}
