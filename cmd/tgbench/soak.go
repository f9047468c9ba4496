package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// soakSample is one look at the running process and its store.
type soakSample struct {
	at         time.Duration
	updates    int64
	heap       float64 // ctdesk's go_memstats_heap_alloc_bytes
	goroutines float64
	rss        float64
	redisMem   int64
	redisKeys  int64
}

// runSoak plays o.users for o.duration against the real process, each
// pausing o.think before each step, and samples memory and goroutines.
func runSoak(ctx context.Context, o options, out io.Writer) (err error) {
	fmt.Fprintf(out, "soak: ctdesk as its own process, store %s, %d users filling the correo form for %v, %v before each step, a sample every %v\n",
		o.store, o.users, o.duration, o.think, o.sample)
	r, err := startRig(ctx, o)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := r.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	b := newBarrier(o.users)
	close(b.release) // no memory pause
	start := time.Now()
	done := make(chan error, 1)
	go func() {
		done <- drive(ctx, plan{users: o.users, until: start.Add(o.duration), spread: o.spread, think: o.think}, r.tr, b)
	}()
	var (
		samples []soakSample
		first   keySpace
	)
	tick := time.NewTicker(o.sample)
	defer tick.Stop()
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("%w\nctdesk's log:\n%s", err, r.proc.logTail())
			}
			running = false
		case <-tick.C:
		}
		s, err := r.sample(ctx, time.Since(start))
		if err != nil {
			return err
		}
		samples = append(samples, s)
		printSample(out, s)
		if len(samples) == 1 && r.admin != nil {
			if first, err = measureKeys(ctx, r.admin); err != nil {
				return err
			}
		}
	}
	var grown keySpace
	if r.admin != nil {
		last, err := measureKeys(ctx, r.admin)
		if err != nil {
			return err
		}
		grown = last.since(first)
	}
	printSoak(out, samples, grown)
	return nil
}

func (r *rig) sample(ctx context.Context, at time.Duration) (soakSample, error) {
	s := soakSample{at: at, updates: r.tr.steps.Load()}
	m, err := r.proc.metrics()
	if err != nil {
		return s, err
	}
	s.heap, s.goroutines = metricSum(m, "go_memstats_heap_alloc_bytes"), metricSum(m, "go_goroutines")
	s.rss = metricSum(m, "process_resident_memory_bytes")
	if r.admin != nil {
		st, err := readRedisStats(ctx, r.admin)
		if err != nil {
			return s, err
		}
		s.redisMem, s.redisKeys = st.memory, st.keys
	}
	return s, nil
}

func printSample(w io.Writer, s soakSample) {
	fmt.Fprintf(w, "  %6.0fs  updates %7d  heap %6.1f MB  goroutines %4.0f  rss %6.1f MB  redis %6.1f MB, %d keys\n",
		s.at.Seconds(), s.updates, s.heap/1e6, s.goroutines, s.rss/1e6, float64(s.redisMem)/1e6, s.redisKeys)
}

// recordClasses hold the records (tickets, their indexes, the listing's
// indexes tw, tu, td, ix:na and their version, the bitácora), which grow
// with every request by design.
var recordClasses = []string{"t", "tc", "tw", "tu", "td", "ix", "ixv", "log", "log:f", "folio"}

func isRecord(class string) bool {
	return slices.Contains(recordClasses, class) || strings.HasPrefix(class, "ix:")
}

// printSoak says whether heap, goroutines and the store stayed flat: the
// first sample is the warm-up, and the last third is compared with the
// first third of the rest.
func printSoak(w io.Writer, samples []soakSample, grown keySpace) {
	fmt.Fprintln(w, "\nsoak verdicts (the first sample is warm-up; the last third of the rest against its first third)")
	if len(samples) < 4 {
		fmt.Fprintln(w, "  too few samples for a verdict: run longer or sample more often")
		return
	}
	rest := samples[1:]
	third := max(len(rest)/3, 1)
	early, late := rest[:third], rest[len(rest)-third:]
	medianOf := func(ss []soakSample, f func(soakSample) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	verdict := func(name string, a, b, slack float64, unit string) {
		ok := "ok"
		if b > a*1.1+slack {
			ok = "MISSED"
		}
		fmt.Fprintf(w, "  %-34s %8.1f -> %8.1f %-3s %s\n", name, a, b, unit, ok)
	}
	heap := func(s soakSample) float64 { return s.heap / 1e6 }
	gor := func(s soakSample) float64 { return s.goroutines }
	verdict("ctdesk heap (median)", medianOf(early, heap), medianOf(late, heap), 1, "MB")
	verdict("ctdesk goroutines (median)", medianOf(early, gor), medianOf(late, gor), 10, "")
	if grown == nil {
		return
	}
	updates := samples[len(samples)-1].updates - samples[0].updates
	var records, seen, other int64
	for c, v := range grown {
		switch {
		case isRecord(c):
			records += v.bytes
		case c == "seen":
			seen += v.bytes
		default:
			other += v.bytes
		}
	}
	per := func(n int64) string { return fmt.Sprintf("%.0f B per update", ratio(n, updates)) }
	fmt.Fprintf(w, "  Redis growth over %d updates: records %s (tickets, indexes, bitácora: by design); dedup keys %s\n",
		updates, per(records), per(seen))
	ok := "ok"
	if other > 64<<10 {
		ok = "MISSED"
	}
	var parts []string
	for _, c := range grown.classes() {
		if !isRecord(c) && c != "seen" {
			parts = append(parts, fmt.Sprintf("%s %+d B", c, grown[c].bytes))
		}
	}
	fmt.Fprintf(w, "  %-34s %+d B (%s) %s\n", "Redis, dialogs, outbox and the rest", other, strings.Join(parts, ", "), ok)
	seenOK := "ok"
	if seen > 64<<10 {
		seenOK = "MISSED (a key per update until it expires: grows with traffic)"
	}
	fmt.Fprintf(w, "  %-34s %+d B %s\n", "Redis, dedup keys", seen, seenOK)
}
