//go:build linux

package main

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
	"ctdesk/storage"
	"ctdesk/storage/leaktest"
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

	t.Run("sqlite/kill9-unsent-password", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ctdesk.db")
		r := newCrashRig(t, bin, map[string]string{"CTDESK_DATA": path}, 4)
		leaktest.SQLite(t, path, killWithPasswordUnsent(t, r))
	})

	t.Run("sqlite/password-never-delivered", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "ctdesk.db")
		r := newCrashRig(t, bin, map[string]string{"CTDESK_DATA": path, "CTDESK_SEND_ATTEMPTS": "2"}, 5)
		for _, pw := range passwordNeverDelivered(t, r) {
			leaktest.SQLite(t, path, pw)
		}
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

// altaToNote plays a correo alta of the first requester up to the
// técnico's note before completing it, ctdesk started.
func altaToNote(t *testing.T, ctx context.Context, r *crashrig.Rig) (crashrig.Person, crashrig.Form) {
	r.Proc.Start()
	return walkToNote(t, ctx, r.Srv, 4)
}

// walkToNote plays a correo alta of the first requester, her choices drawn
// from seed, up to the prompt of the técnico's note before completing it.
func walkToNote(t *testing.T, ctx context.Context, srv *telegramtest.Server, seed uint64) (crashrig.Person, crashrig.Form) {
	t.Helper()
	p := crashrig.Requesters(1)[0]
	q := &crashrig.Requester{ID: p.ID, User: p.User, Forms: 1, Rng: rand.New(rand.NewPCG(seed, seed))}
	if err := q.Run(ctx, srv, nil); err != nil {
		t.Fatal(err)
	}
	f := q.Sent[0]
	pressFor(t, ctx, srv, luisUser, crashrig.LuisChat, f.Folio, "Aprobar", p.User.ID, "dio su visto bueno")
	pressFor(t, ctx, srv, betoUser, betoUser.ID, f.Folio, "Tomar", 0, "")
	commitDate(t, ctx, srv, f.Folio)
	// The note's prompt is out before anything that follows (sends that
	// start failing, the press of «Omitir»).
	pressFor(t, ctx, srv, betoUser, betoUser.ID, f.Folio, "Completar", betoUser.ID, f.Folio+" · Completar")
	return p, f
}

// killWithPasswordUnsent plays a correo alta and kills ctdesk after the
// técnico's press that hands out the temporary password, while its
// delivery fails: the next process delivers the same password to the
// requester and the técnico, and the requester signs for it. It returns
// the password.
func killWithPasswordUnsent(t *testing.T, r *crashrig.Rig) string {
	srv := r.Srv
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, f := altaToNote(t, ctx, r)
	var failing atomic.Bool
	failing.Store(true)
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if c.Method == "sendMessage" && failing.Load() && (c.Params["chat_id"] == "1002" || c.Params["chat_id"] == strconv.FormatInt(p.User.ID, 10)) {
			return &telegramtest.Fault{Code: 502}
		}
		return nil
	})
	pressFor(t, ctx, srv, betoUser, betoUser.ID, "", "Omitir", 0, "")
	telegramtest.WaitFor(t, func() bool {
		for _, c := range srv.Calls("sendMessage") {
			if c.Status == 502 {
				return true
			}
		}
		return false
	}, crashrig.StepWait)
	r.Proc.Kill()
	failing.Store(false)
	r.Proc.Start()
	got := passwordOf(t, ctx, srv, p.User.ID, "Tu cuenta "+f.Cuenta+" está lista.\nContraseña temporal: ")
	gave := passwordOf(t, ctx, srv, betoUser.ID, "Contraseña temporal para "+f.Cuenta+":\n")
	if got != gave || len(got) < 12 {
		t.Errorf("after the kill, %s got password %q and beto %q", p.ID, got, gave)
	}
	pressFor(t, ctx, srv, p.User, p.User.ID, f.Cuenta, "Firmar de recibido", p.User.ID, "Registré tu firma")
	r.Proc.Stop()
	return got
}

// passwordNeverDelivered plays a correo alta whose password never reaches
// the requester (ctdesk runs with CTDESK_SEND_ATTEMPTS=2): the message is
// given up, the requester reads that the account was created and no
// notice of a lost message, and the técnico is offered «Generar otra
// contraseña», which delivers a new password to both; the requester signs.
// ctdesk is killed while the offer waits, to show that it holds. It
// returns both passwords.
func passwordNeverDelivered(t *testing.T, r *crashrig.Rig) []string {
	srv := r.Srv
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, f := altaToNote(t, ctx, r)
	chat := strconv.FormatInt(p.User.ID, 10)
	var failing atomic.Bool
	failing.Store(true)
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if c.Method == "sendMessage" && failing.Load() && c.Params["chat_id"] == chat && strings.Contains(c.Params["text"], "Contraseña temporal") {
			return &telegramtest.Fault{Code: 502}
		}
		return nil
	})
	pressFor(t, ctx, srv, betoUser, betoUser.ID, "", "Omitir", 0, "")
	first := passwordOf(t, ctx, srv, betoUser.ID, "Contraseña temporal para "+f.Cuenta+":\n")
	if _, err := crashrig.WaitBot(ctx, srv, betoUser.ID, 0, "no pudo entregarse a "+p.User.FirstName+" "+p.User.LastName); err != nil {
		t.Fatalf("%v; chat: %s", err, crashrig.ChatText(srv, betoUser.ID))
	}
	if _, err := crashrig.WaitBot(ctx, srv, p.User.ID, 0, "quedó creada"); err != nil {
		t.Fatalf("%v; chat: %s", err, crashrig.ChatText(srv, p.User.ID))
	}
	failing.Store(false)
	r.Proc.Kill()
	r.Proc.Start()
	after := srv.LastMessageID(betoUser.ID)
	pressFor(t, ctx, srv, betoUser, betoUser.ID, f.Folio, "Generar otra contraseña", betoUser.ID, "")
	gave := passwordAfter(t, ctx, srv, betoUser.ID, after, "Contraseña temporal para "+f.Cuenta+":\n")
	got := passwordOf(t, ctx, srv, p.User.ID, "Tu cuenta "+f.Cuenta+" está lista.\nContraseña temporal: ")
	if got != gave || len(got) < 12 || got == first {
		t.Errorf("after «Generar otra contraseña», %s got %q and beto %q (the first was %q)", p.ID, got, gave, first)
	}
	for _, m := range srv.BotMessages(p.User.ID) {
		if strings.Contains(m.Text, "no pudo entregarse a tiempo") {
			t.Errorf("%s read a notice of a lost message: %q", p.ID, m.Text)
		}
	}
	pressFor(t, ctx, srv, p.User, p.User.ID, f.Cuenta, "Firmar de recibido", p.User.ID, "Registré tu firma")
	r.Proc.Stop()
	return []string{first, got}
}

// passwordAfter waits for the password in the first message after the
// message id after that starts with intro.
func passwordAfter(t *testing.T, ctx context.Context, srv *telegramtest.Server, chat int64, after int, intro string) string {
	t.Helper()
	m, err := crashrig.WaitBot(ctx, srv, chat, after, intro)
	if err != nil {
		t.Fatalf("%v; chat: %s", err, crashrig.ChatText(srv, chat))
	}
	_, rest, _ := strings.Cut(m.Text, intro)
	return passwordRE.FindString(rest)
}
