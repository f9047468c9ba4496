package main

import "context"

// runScheduler runs the scheduled jobs (DESIGN §4) until ctx is done.
func runScheduler(ctx context.Context, rt *runtime) error {
	<-ctx.Done()
	return nil
}
