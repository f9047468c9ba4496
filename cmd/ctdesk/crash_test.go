//go:build linux

package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
)

// TestCrash runs the real ctdesk binary against a fake Bot API while
// requesters fill correo alta forms, and knocks the service over at
// random moments (DESIGN §7): kill -9 of ctdesk on each store, then
// restarts of Redis under a running ctdesk. No ticket may be lost or
// doubled, no dialog may restart, and a message may repeat only when a
// kill came between its delivery and its record.
func TestCrash(t *testing.T) {
	bin := crashrig.Build(t, ".", t.TempDir())
	// Each scenario knocks the service over at random moments and as
	// requesters press «Enviar».
	people, forms, kills, restarts := 4, 2, 5, 2
	if testing.Short() {
		people, forms, kills, restarts = 2, 1, 2, 1
	}
	onSubmit := people * forms / 2
	scenario := func(disruptions int, seed uint64, disrupt func(r *crashrig.Rig) crashrig.Disruption) crashrig.Scenario {
		return crashrig.Scenario{People: crashrig.Requesters(people), Forms: forms, Disruptions: disruptions,
			OnSubmit: onSubmit, Seed: seed, Disrupt: disrupt}
	}

	t.Run("sqlite/kill9", func(t *testing.T) {
		r := newCrashRig(t, bin, map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}, 1)
		playCrash(t, r, scenario(kills, 1, crashrig.KillCtdesk))
	})

	t.Run("redis/kill9", func(t *testing.T) {
		rs := redistest.Start(t)
		r := newCrashRig(t, bin, map[string]string{"REDIS_URL": rs.URL(), "CTDESK_REDIS_PREFIX": rs.Prefix(t)}, 2)
		playCrash(t, r, scenario(kills, 2, crashrig.KillCtdesk))
	})

	t.Run("redis/restart", func(t *testing.T) {
		rs := redistest.Start(t)
		if rs.External() {
			t.Skip("restarting Redis needs a local redis-server; REDIS_URL names an external one")
		}
		r := newCrashRig(t, bin, map[string]string{"REDIS_URL": rs.URL(), "CTDESK_REDIS_PREFIX": rs.Prefix(t)}, 3)
		restart := func(r *crashrig.Rig) crashrig.Disruption {
			at := time.Now()
			rs.Restart(t)
			return crashrig.Disruption{What: "redis restart", At: at, Over: time.Now()}
		}
		playCrash(t, r, scenario(restarts, 3, restart))
	})
}

// newCrashRig prepares ctdesk over a fake Bot API with the store vars and
// the crash test's requesters in its directory.
func newCrashRig(t *testing.T, bin string, store map[string]string, seed uint64) *crashrig.Rig {
	vars := map[string]string{"CTDESK_CONFIG": crashrig.Config(t, t.TempDir(), crashrig.Requesters(4))}
	for k, v := range store {
		vars[k] = v
	}
	return crashrig.NewRig(t, bin, telegramtest.New(t), vars, seed)
}

// playCrash plays the scenario and checks the chats and the store, within
// a minute.
func playCrash(t *testing.T, r *crashrig.Rig, sc crashrig.Scenario) {
	start := time.Now()
	qs, dis := r.Play(sc)
	r.Check(qs, dis, func() (storage.Store, error) {
		env, err := readEnv(func(k string) string { return r.Vars[k] })
		if err != nil {
			return nil, err
		}
		st, _, err := openStore(context.Background(), env, false)
		return st, err
	})
	if d := time.Since(start); d > time.Minute {
		t.Errorf("the scenario took %v, want under a minute", d.Round(time.Second))
	}
}
