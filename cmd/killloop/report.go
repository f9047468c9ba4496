//go:build linux

package main

import (
	"fmt"
	"io"
	"sync"
)

// report is what the crash rig reports to in the kill loop: problems are
// collected, log lines shown only when verbose, and a fatal problem ends
// the store's run (its cleanups still run).
type report struct {
	log     io.Writer
	verbose bool

	mu       sync.Mutex
	problems []string
	cleanups []func()
}

// fatal ends a run from Fatalf.
type fatal struct{ msg string }

func (r *report) Helper() {}

func (r *report) Logf(format string, args ...any) {
	if r.verbose {
		fmt.Fprintf(r.log, format+"\n", args...)
	}
}

func (r *report) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems = append(r.problems, fmt.Sprintf(format, args...))
}

func (r *report) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	panic(fatal{fmt.Sprintf(format, args...)})
}

func (r *report) Failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.problems) > 0
}

func (r *report) Cleanup(f func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.cleanups = append(r.cleanups, f)
}

// close runs the cleanups, last first.
func (r *report) close() {
	r.mu.Lock()
	fs := r.cleanups
	r.cleanups = nil
	r.mu.Unlock()
	for i := len(fs) - 1; i >= 0; i-- {
		fs[i]()
	}
}
