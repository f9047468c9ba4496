package main

import (
	"fmt"
	"io"
	"time"
)

// platformReport writes a line per chat platform for /readyz. A platform
// that is down does not make the replica unready: the store and the other
// platforms still serve through it, and a load balancer that took every
// replica out during a platform's outage would stop the others too.
func (s *service) platformReport(w io.Writer) {
	if s.platforms == nil {
		return
	}
	now := time.Now()
	for _, p := range s.platforms.States() {
		if p.Up {
			fmt.Fprintf(w, "%s: up since %s\n", p.Platform, p.Since.UTC().Format(time.RFC3339))
			continue
		}
		why := "connecting"
		if p.Err != nil {
			why = p.Err.Error()
		}
		fmt.Fprintf(w, "%s: down since %s, next try in %s: %s\n", p.Platform, p.Since.UTC().Format(time.RFC3339),
			max(p.Retry.Sub(now), 0).Round(time.Second), why)
	}
}
