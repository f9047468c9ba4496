package main

import (
	"context"
	"fmt"
	"time"
)

// wholeResult is what a run of the whole process measured.
type wholeResult struct {
	store         string
	users, rounds int
	queued        int
	updates       int64
	reply         percentiles
	spent         cost     // the memory pause taken out; wall up to the last reply
	open          keySpace // what the store grew by with every user's form half filled (Redis)
	delivered     int
	tooMany       int
	malformed     int
	eventErrors   float64 // updates ctdesk failed to handle
}

func (r wholeResult) per(d time.Duration) time.Duration {
	if r.updates == 0 {
		return 0
	}
	return d / time.Duration(r.updates)
}

func (r wholeResult) perUpdate(n int64) float64 { return ratio(n, r.updates) }

// runWhole plays o.users over the fake against the real ctdesk process and
// measures both processes. When every user has the form half filled it
// stops the clock and measures what the open dialogs take in Redis.
func runWhole(ctx context.Context, o options) (res wholeResult, err error) {
	res = wholeResult{store: o.store, users: o.users, rounds: o.rounds, queued: o.queued}
	r, err := startRig(ctx, o)
	if err != nil {
		return res, err
	}
	defer func() {
		if cerr := r.close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	var before keySpace
	if r.admin != nil {
		if before, err = measureKeys(ctx, r.admin); err != nil {
			return res, err
		}
	}
	errors0, err := r.proc.errorEvents()
	if err != nil {
		return res, err
	}
	start, err := r.snapshot(ctx)
	if err != nil {
		return res, err
	}
	if o.profile != "" {
		if err := r.proc.startProfile(); err != nil {
			return res, err
		}
	}
	pause, open, err := r.play(ctx, o, before)
	if err != nil {
		return res, err
	}
	last := r.tr.lastReply()
	if err := r.proc.waitOutboxEmpty(ctx, o.queued, time.Minute); err != nil {
		return res, err
	}
	end, err := r.snapshot(ctx)
	if err != nil {
		return res, err
	}
	if o.profile != "" {
		if err := r.proc.stopProfile(o.profile); err != nil {
			return res, err
		}
	}
	errors1, err := r.proc.errorEvents()
	if err != nil {
		return res, err
	}
	res.open, res.eventErrors = open, errors1-errors0
	res.spent = costBetween(start, end).minus(pause)
	res.spent.wall = last.Sub(start.wall) - pause.wall
	r.tally(&res)
	return res, nil
}

// play drives the users; when every one has the form half filled, it
// measures what the store grew by since before (measureOpen) and returns
// that and the cost of the pause.
func (r *rig) play(ctx context.Context, o options, before keySpace) (cost, keySpace, error) {
	var (
		pause   cost
		open    keySpace
		pauseOK = make(chan error, 1)
	)
	b := newBarrier(o.users)
	go func() {
		defer close(b.release)
		select {
		case <-b.all:
		case <-ctx.Done():
			pauseOK <- ctx.Err()
			return
		}
		var err error
		pause, open, err = r.measureOpen(ctx, before)
		pauseOK <- err
	}()
	err := drive(ctx, plan{users: o.users, rounds: o.rounds, spread: o.spread, think: o.think}, r.tr, b)
	if perr := <-pauseOK; err == nil {
		err = perr
	}
	if err != nil {
		return pause, open, fmt.Errorf("%w\nctdesk's log:\n%s", err, r.proc.logTail())
	}
	return pause, open, nil
}

// tally adds to res what the users and the fake saw.
func (r *rig) tally(res *wholeResult) {
	res.updates = r.tr.steps.Load()
	res.reply = percentilesOf(r.tr.replies())
	for _, c := range r.srv.Calls("sendMessage") {
		if c.Status == 200 {
			res.delivered++
		}
	}
	res.tooMany, res.malformed = r.srv.TooMany(), r.srv.Malformed()
}

// measureOpen measures, while the users wait with the form half filled,
// what the store grew by since before; the cost it returns is the pause's,
// to be taken out of the run.
func (r *rig) measureOpen(ctx context.Context, before keySpace) (cost, keySpace, error) {
	b0, err := r.snapshot(ctx)
	if err != nil {
		return cost{}, nil, err
	}
	var open keySpace
	if r.admin != nil {
		now, err := measureKeys(ctx, r.admin)
		if err != nil {
			return cost{}, nil, err
		}
		open = now.since(before)
	}
	b1, err := r.snapshot(ctx)
	if err != nil {
		return cost{}, nil, err
	}
	return costBetween(b0, b1), open, nil
}
