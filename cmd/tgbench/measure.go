package main

import (
	"context"
	"time"
)

// result is what one part of the updates run measured.
type result struct {
	name    string
	store   string
	users   int
	rounds  int
	updates int64
	spent   spent // with the pause to measure memory taken out

	handle        percentiles
	steps         []percentiles // dialog+store latency by step of the form
	stepTrips     []float64     // Redis round trips by step of the form
	tripsInHandle int64         // Redis round trips made while handling updates
	maxTrips      int64         // most round trips of one update

	dialogs dialogSizes
	// heapPerDialog is the Go heap with every dialog open less the heap
	// once they are closed at the end, per user: pools and caches are warm
	// in both. heapGrowth is the first of them less the heap at the start.
	heapPerDialog, heapGrowth float64
}

// measure drives the users through tr and measures what it costs; when
// every user has the form half filled it stops the clock, measures memory
// and dialog sizes, and lets them go on.
func measure(ctx context.Context, o options, p plan, k *kit, m *meter, tr transport, res result) (result, error) {
	res.store, res.users, res.rounds = k.kind, o.users, p.rounds
	base := heapAfterGC()
	b := newBarrier(o.users)
	start, err := k.usage(ctx)
	if err != nil {
		return res, err
	}
	var (
		pause   spent
		heap    uint64
		dialogs dialogSizes
		measErr error
	)
	measured := make(chan struct{})
	go func() {
		defer close(measured)
		defer close(b.release)
		select {
		case <-b.all:
		case <-ctx.Done():
			return
		}
		b0, _ := k.usage(ctx)
		heap = heapAfterGC()
		dialogs, measErr = k.dialogSizes(ctx, personIDs(o.users))
		b1, _ := k.usage(ctx)
		pause = since(b0, b1)
	}()
	driveErr := drive(ctx, p, tr, b)
	end, err := k.usage(ctx)
	<-measured
	closed := heapAfterGC()
	if driveErr != nil {
		return res, driveErr
	}
	if err != nil {
		return res, err
	}
	if measErr != nil {
		return res, measErr
	}
	res.spent = since(start, end).minus(pause)
	res.dialogs = dialogs
	res.heapPerDialog = (float64(heap) - float64(closed)) / float64(max(o.users, 1))
	res.heapGrowth = (float64(heap) - float64(base)) / float64(max(o.users, 1))
	res.updates = m.updates.Load()
	res.tripsInHandle = m.trips.Load()
	handle, _, maxTrips := m.latencies()
	res.handle, res.maxTrips = percentilesOf(handle), maxTrips
	res.steps, res.stepTrips = m.stepStats()
	return res, nil
}

// perUpdate divides a duration by the updates handled.
func (r result) perUpdate(d time.Duration) time.Duration {
	if r.updates == 0 {
		return 0
	}
	return d / time.Duration(r.updates)
}

func (r result) updatesPerSecond() float64 {
	if r.spent.wall <= 0 {
		return 0
	}
	return float64(r.updates) / r.spent.wall.Seconds()
}
