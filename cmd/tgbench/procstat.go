package main

import (
	"fmt"
	"time"

	"github.com/prometheus/procfs"
)

// cpuOf is the CPU time (user + system, all threads) that process pid has
// used so far, from /proc/<pid>/stat. Its resolution is the kernel's clock
// tick (10 ms), which a run of thousands of updates makes negligible.
func cpuOf(pid int) (time.Duration, error) {
	p, err := procfs.NewProc(pid)
	if err != nil {
		return 0, fmt.Errorf("/proc/%d: %w", pid, err)
	}
	st, err := p.Stat()
	if err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return time.Duration(st.CPUTime() * float64(time.Second)), nil
}
