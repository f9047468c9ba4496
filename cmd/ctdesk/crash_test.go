//go:build linux

package main

import (
	"path/filepath"
	"testing"
	"time"

	"ctdesk/storage/redisstore/redistest"
)

// TestCrash runs the real ctdesk binary against a fake Bot API while
// requesters fill correo alta forms, and knocks the service over at
// random moments (DESIGN §7): kill -9 of ctdesk on each store, then
// restarts of Redis under a running ctdesk. No ticket may be lost or
// doubled, no dialog may restart, and a message may repeat only when a
// kill came between its delivery and its record.
func TestCrash(t *testing.T) {
	bin := buildCtdesk(t, t.TempDir())
	// Each scenario knocks the service over at random moments and as
	// requesters press «Enviar».
	people, forms, kills, restarts := 4, 2, 5, 2
	if testing.Short() {
		people, forms, kills, restarts = 2, 1, 2, 1
	}
	onSubmit := people * forms / 2

	t.Run("sqlite/kill9", func(t *testing.T) {
		r := newCrashRig(t, bin, map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}, 1)
		playCrash(t, r, crashScenario{people: people, forms: forms, disruptions: kills, onSubmit: onSubmit, seed: 1, disrupt: killCtdesk})
	})

	t.Run("redis/kill9", func(t *testing.T) {
		rs := redistest.Start(t)
		r := newCrashRig(t, bin, map[string]string{"REDIS_URL": rs.URL(), "CTDESK_REDIS_PREFIX": rs.Prefix(t)}, 2)
		playCrash(t, r, crashScenario{people: people, forms: forms, disruptions: kills, onSubmit: onSubmit, seed: 2, disrupt: killCtdesk})
	})

	t.Run("redis/restart", func(t *testing.T) {
		rs := redistest.Start(t)
		if rs.External() {
			t.Skip("restarting Redis needs a local redis-server; REDIS_URL names an external one")
		}
		r := newCrashRig(t, bin, map[string]string{"REDIS_URL": rs.URL(), "CTDESK_REDIS_PREFIX": rs.Prefix(t)}, 3)
		restart := func(r *crashRig) disruption {
			at := time.Now()
			rs.Restart(t)
			return disruption{what: "redis restart", at: at, over: time.Now()}
		}
		playCrash(t, r, crashScenario{people: people, forms: forms, disruptions: restarts, onSubmit: onSubmit, seed: 3, disrupt: restart})
	})
}

// playCrash plays the scenario and checks the chats and the store, within
// a minute.
func playCrash(t *testing.T, r *crashRig, sc crashScenario) {
	start := time.Now()
	qs, dis := r.play(sc)
	r.checkChats(qs, dis)
	r.checkStore(qs)
	if d := time.Since(start); d > time.Minute {
		t.Errorf("the scenario took %v, want under a minute", d.Round(time.Second))
	}
}
