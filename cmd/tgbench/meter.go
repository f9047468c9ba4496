package main

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// meter wraps the handler the adapter is given (the intake) and measures
// every update it hands over: how long Handle took (dialog and store), how
// long since the user sent it (when the driver said so with sent), and the
// Redis round trips made on its behalf.
type meter struct {
	h bot.Handler

	// sent[i] is when user i's pending update became available, in Unix
	// nanoseconds; each user has at most one update in flight.
	sent []atomic.Int64
	// step[i] is the step of the form user i's pending update is (0-based).
	step []atomic.Int32

	updates atomic.Int64
	failed  atomic.Int64
	trips   atomic.Int64

	mu       sync.Mutex
	handle   []time.Duration
	byStep   map[int][]time.Duration // dialog+store latency by step of the form
	stepTrip map[int]int64           // Redis round trips by step of the form
	pickup   []time.Duration
	maxTrips int64
}

func newMeter(h bot.Handler, users int) *meter {
	return &meter{h: h, sent: make([]atomic.Int64, users), step: make([]atomic.Int32, users),
		byStep: map[int][]time.Duration{}, stepTrip: map[int]int64{}}
}

// markSent records that user i's next update, step n of the form, is
// available to the bot now.
func (m *meter) markSent(i, n int, at time.Time) {
	m.step[i].Store(int32(n))
	m.sent[i].Store(at.UnixNano())
}

// Handle applies ev and measures it.
func (m *meter) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	var n atomic.Int64
	start := time.Now()
	res, err := m.h.Handle(withTrips(ctx, &n), ev)
	end := time.Now()
	if err != nil {
		m.failed.Add(1)
		return res, err
	}
	m.updates.Add(1)
	trips := n.Load()
	m.trips.Add(trips)
	var pickup time.Duration
	step := -1
	if i, ok := userIndex(ev.Account); ok && i < len(m.sent) {
		step = int(m.step[i].Load())
		if at := m.sent[i].Load(); at != 0 {
			pickup = end.Sub(time.Unix(0, at))
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.handle = append(m.handle, end.Sub(start))
	if step >= 0 {
		m.byStep[step] = append(m.byStep[step], end.Sub(start))
		m.stepTrip[step] += trips
	}
	if pickup > 0 {
		m.pickup = append(m.pickup, pickup)
	}
	m.maxTrips = max(m.maxTrips, trips)
	return res, nil
}

// latencies returns copies of the samples measured so far.
func (m *meter) latencies() (handle, pickup []time.Duration, maxTrips int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.handle), slices.Clone(m.pickup), m.maxTrips
}

// stepStats is the dialog+store latency and the average Redis round trips
// of each step of the form.
func (m *meter) stepStats() ([]percentiles, []float64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var lat []percentiles
	var trips []float64
	for n := 0; len(m.byStep[n]) > 0; n++ {
		lat = append(lat, percentilesOf(m.byStep[n]))
		trips = append(trips, float64(m.stepTrip[n])/float64(len(m.byStep[n])))
	}
	return lat, trips
}

// accountBase is the Telegram account of user 0; user i is accountBase+i.
const accountBase = 70000

func userAccount(i int) string { return strconv.Itoa(accountBase + i) }

func userIndex(account string) (int, bool) {
	n, err := strconv.Atoi(account)
	if err != nil || n < accountBase {
		return 0, false
	}
	return n - accountBase, true
}

// percentiles of a latency sample.
type percentiles struct {
	n                  int
	p50, p95, p99, max time.Duration
}

func percentilesOf(d []time.Duration) percentiles {
	if len(d) == 0 {
		return percentiles{}
	}
	s := slices.Clone(d)
	slices.Sort(s)
	at := func(q float64) time.Duration {
		i := int(q*float64(len(s))+0.999999) - 1 // nearest rank
		return s[min(max(i, 0), len(s)-1)]
	}
	return percentiles{n: len(s), p50: at(0.50), p95: at(0.95), p99: at(0.99), max: s[len(s)-1]}
}
