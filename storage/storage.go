// Package storage holds ctdesk's records (CT-RG.01, CT-RG.02, CT-RG.03) as Go
// types and the small interfaces the rest of the program needs to keep them.
//
// It imports only the standard library. Two implementations live beside it:
// redisstore (production, scale-out) and sqlitestore (embedded, one file);
// storetest is the one contract suite both must pass.
package storage

import "errors"

// Errors returned by every implementation, wrapped with %w and an operation prefix.
var (
	// ErrNotFound: the record does not exist (or has expired).
	ErrNotFound = errors.New("not found")
	// ErrConflict: a compare-and-set failed because the record changed since it was read.
	ErrConflict = errors.New("version conflict")
	// ErrDuplicate: an update marked as seen has been seen before.
	ErrDuplicate = errors.New("already seen")
	// ErrInvalid: the request itself is malformed (e.g. two new tickets in one change).
	ErrInvalid = errors.New("invalid request")
)
