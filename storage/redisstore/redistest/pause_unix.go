//go:build unix

package redistest

import (
	"sync"
	"syscall"
	"testing"
)

// Pause stops the server's process with SIGSTOP, as a hung server: its
// connections stay open and nothing answers, until resume (also run at
// cleanup) sends SIGCONT. It skips the test on an external server.
func (s *Server) Pause(tb testing.TB) (resume func()) {
	tb.Helper()
	if s.External() {
		tb.Skip("redistest: cannot pause an external server")
	}
	s.mu.Lock()
	p := s.cmd.Process
	s.mu.Unlock()
	if err := p.Signal(syscall.SIGSTOP); err != nil {
		tb.Fatalf("redistest: pause: %v", err)
	}
	var once sync.Once
	resume = func() {
		once.Do(func() {
			if err := p.Signal(syscall.SIGCONT); err != nil {
				tb.Errorf("redistest: resume: %v", err)
			}
		})
	}
	tb.Cleanup(resume)
	return resume
}
