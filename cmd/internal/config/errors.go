package config

import (
	"fmt"
	"strings"
)

// problem is one mistake in the configuration file, at a line (0: the
// file as a whole).
type problem struct {
	line int
	msg  string
}

// Error is every problem of a configuration file, each on its own
// line as FILE:LINE: message.
type Error struct {
	source   string
	problems []problem
}

// Error writes every problem, one per line.
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		msg := oneLine.Replace(p.msg) // a value quoted from the file may span lines
		if p.line > 0 {
			fmt.Fprintf(&b, "%s:%d: %s", e.source, p.line, msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.source, msg)
		}
	}
	return b.String()
}

// oneLine keeps a problem on its line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// Count is how many problems the file has.
func (e *Error) Count() int { return len(e.problems) }
