package storage

import "time"

// File is an attachment's bytes with what is known of it.
type File struct {
	ID      string    `json:"id"` // assigned by the store when empty
	Name    string    `json:"name"`
	MIME    string    `json:"mime,omitempty"`
	Size    int64     `json:"size"`
	Data    []byte    `json:"-"`
	Created time.Time `json:"created"`
}
