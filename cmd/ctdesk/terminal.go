package main

import (
	"os"

	"github.com/mattn/go-isatty"
)

// isTerminal reports whether v (ctdesk's stdin or stdout) is an
// interactive terminal; /dev/null, files and pipes are not.
func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
