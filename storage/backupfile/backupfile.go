// Package backupfile reads and writes ctdesk's portable backup: every
// record of a store as gzip-compressed JSON lines, the same for SQLite and
// Redis, so a backup of one store restores into the other.
//
// The first line is a header, each following line one storage.Record, and
// the last line a trailer with the count of each kind, so a truncated file
// is refused instead of restored in part:
//
//	{"header":{"format":"ctdesk-respaldo","version":1,"created":"…","source":"sqlite"}}
//	{"ticket":{"folio":"CT-2026-0001",…}}
//	{"end":{"records":1,"counts":{"ticket":1}}}
package backupfile

import (
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"ctdesk/storage"
)

// Format and Version identify the file.
const (
	Format  = "ctdesk-respaldo"
	Version = 1
)

// Header describes a backup.
type Header struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
	// Source is the store it was taken from ("sqlite", "redis").
	Source string `json:"source"`
	// Ctdesk is the version of ctdesk that wrote it.
	Ctdesk string `json:"ctdesk,omitempty"`
}

// Trailer closes a backup with what it holds.
type Trailer struct {
	Records int            `json:"records"`
	Counts  map[string]int `json:"counts"`
}

// line is one line of the file: a header, a record or the trailer.
type line struct {
	Header *Header `json:"header,omitempty"`
	storage.Record
	End *Trailer `json:"end,omitempty"`
}

// ErrNotBackup is returned for a file that is not a ctdesk backup.
var ErrNotBackup = errors.New("not a ctdesk backup")

// ErrTruncated is returned for a backup that ends before its trailer or
// whose records do not match it.
var ErrTruncated = errors.New("backup truncated or altered")

// Write writes a backup of the records export emits to w and returns
// what it holds.
func Write(w io.Writer, h Header, export func(emit func(storage.Record) error) error) (Trailer, error) {
	h.Format, h.Version = Format, Version
	zw := gzip.NewWriter(w)
	enc := json.NewEncoder(zw)
	t := Trailer{Counts: map[string]int{}}
	if err := enc.Encode(line{Header: &h}); err != nil {
		return t, fmt.Errorf("backupfile: %w", err)
	}
	err := export(func(r storage.Record) error {
		kind := r.Kind()
		if kind == "" {
			return fmt.Errorf("empty record: %w", storage.ErrInvalid)
		}
		t.Records++
		t.Counts[kind]++
		return enc.Encode(line{Record: r})
	})
	if err != nil {
		return t, fmt.Errorf("backupfile: %w", err)
	}
	if err := enc.Encode(line{End: &t}); err != nil {
		return t, fmt.Errorf("backupfile: %w", err)
	}
	if err := zw.Close(); err != nil {
		return t, fmt.Errorf("backupfile: %w", err)
	}
	return t, nil
}

// Read opens a backup: it reads the header, and returns the records as a
// sequence that ends with an error wrapping ErrTruncated when the file
// stops before its trailer or disagrees with it.
func Read(r io.Reader) (Header, iter.Seq2[storage.Record, error], error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return Header{}, nil, fmt.Errorf("backupfile: %w", ErrNotBackup)
	}
	dec := json.NewDecoder(zr)
	var first line
	if err := dec.Decode(&first); err != nil || first.Header == nil || first.Header.Format != Format {
		return Header{}, nil, fmt.Errorf("backupfile: %w", ErrNotBackup)
	}
	h := *first.Header
	if h.Version > Version {
		return h, nil, fmt.Errorf("backupfile: version %d is newer than this ctdesk reads (%d)", h.Version, Version)
	}
	records := func(yield func(storage.Record, error) bool) {
		counts := map[string]int{}
		n := 0
		for {
			var l line
			if err := dec.Decode(&l); err != nil {
				yield(storage.Record{}, fmt.Errorf("backupfile: after %d records: %w (%v)", n, ErrTruncated, err))
				return
			}
			if l.End != nil {
				if l.End.Records != n || !sameCounts(l.End.Counts, counts) {
					yield(storage.Record{}, fmt.Errorf("backupfile: %d records, the trailer says %d: %w", n, l.End.Records, ErrTruncated))
				}
				return
			}
			kind := l.Kind()
			if kind == "" {
				yield(storage.Record{}, fmt.Errorf("backupfile: record %d is empty: %w", n+1, ErrTruncated))
				return
			}
			n++
			counts[kind]++
			if !yield(l.Record, nil) {
				return
			}
		}
	}
	return h, records, nil
}

func sameCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
