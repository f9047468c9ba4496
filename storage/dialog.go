package storage

import "time"

// Dialog is the state of one person's conversation with the bot. Data is
// opaque to the store (the conversations package owns its shape); it is small:
// the answers given so far, not a replay log.
type Dialog struct {
	Person  string    `json:"person"`
	Version int64     `json:"version"` // 0: never saved
	Data    []byte    `json:"data"`
	Updated time.Time `json:"updated"`
}
