package main

import (
	"context"
	"runtime"
	"sync/atomic"
	"syscall"
	"time"
)

// usage is a snapshot of what a run has spent so far.
type usage struct {
	wall      time.Time
	cpu       time.Duration // this process, user + system
	serverCPU time.Duration // redis-server, when the store is Redis
	trips     int64         // every Redis round trip of the store's client
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func (k *kit) usage(ctx context.Context) (usage, error) {
	srv, err := k.serverCPU()
	u := usage{wall: time.Now(), cpu: processCPU(), serverCPU: srv}
	if k.trips != nil {
		u.trips = k.trips.total.Load()
	}
	return u, err
}

// spent is the difference between two snapshots.
type spent struct {
	wall, cpu, serverCPU time.Duration
	trips                int64
}

func since(a, b usage) spent {
	return spent{wall: b.wall.Sub(a.wall), cpu: b.cpu - a.cpu, serverCPU: b.serverCPU - a.serverCPU, trips: b.trips - a.trips}
}

func (s spent) minus(o spent) spent {
	return spent{wall: s.wall - o.wall, cpu: s.cpu - o.cpu, serverCPU: s.serverCPU - o.serverCPU, trips: s.trips - o.trips}
}

// heapAfterGC is the live Go heap once garbage is collected.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// barrier holds users at the half-filled form until every one is there, so
// that memory is measured with all dialogs open at once.
type barrier struct {
	left    atomic.Int64
	all     chan struct{}
	release chan struct{}
}

func newBarrier(n int) *barrier {
	b := &barrier{all: make(chan struct{}), release: make(chan struct{})}
	b.left.Store(int64(n))
	if n == 0 {
		close(b.all)
	}
	return b
}

// arrive counts a user in; with wait it blocks until released (or ctx is
// done). A user that gives up arrives without waiting.
func (b *barrier) arrive(ctx context.Context, wait bool) {
	if b.left.Add(-1) == 0 {
		close(b.all)
	}
	if wait {
		select {
		case <-b.release:
		case <-ctx.Done():
		}
	}
}
