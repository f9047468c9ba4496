package main

import (
	"context"
	"ctdesk/cmd/internal/redisproc"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/sqlitestore"
)

// rig is the whole-process setup: the fake Bot API on loopback (its rate
// limits off, as ctdesk's own pacing is), the run's own redis-server or a
// SQLite file, and the real ctdesk running as a child process.
type rig struct {
	store string
	dir   string
	redis *redisproc.Server // nil on SQLite
	admin *redis.Client     // nil on SQLite: one connection, its use counted
	use   *tripCounter
	srv   *telegramtest.Server
	proc  *ctdeskProc
	tr    *overTelegram
}

// redisPrefix is the key prefix ctdesk uses in the run.
const redisPrefix = "ctdesk"

// startRig builds (or takes) the ctdesk binary, starts the store and the
// fake, queues o.queued messages due tomorrow, and starts ctdesk.
func startRig(ctx context.Context, o options) (_ *rig, err error) {
	r := &rig{store: o.store}
	defer func() {
		if err != nil {
			err = errors.Join(err, r.close())
		}
	}()
	if r.dir, err = os.MkdirTemp("", "tgbench-"); err != nil {
		return nil, err
	}
	bin := o.ctdesk
	if bin == "" {
		if bin, err = buildCtdesk(ctx, r.dir); err != nil {
			return nil, err
		}
	}
	cfg, err := writeConfig(r.dir, o.users)
	if err != nil {
		return nil, err
	}
	if r.srv, err = telegramtest.Start("127.0.0.1:0", telegramtest.WithoutLimits()); err != nil {
		return nil, err
	}
	r.tr = newOverTelegram(r.srv, o.users)
	env := map[string]string{
		"CTDESK_CONFIG": cfg, "CTDESK_LOG_LEVEL": "warn",
		"TELEGRAM_TOKEN": r.srv.Token(), "TELEGRAM_API_ENDPOINT": r.srv.Endpoint(), "TELEGRAM_FLOOD_LIMITS": "off",
	}
	if err := r.openStore(ctx, env); err != nil {
		return nil, err
	}
	if err := r.queue(ctx, o.queued); err != nil {
		return nil, err
	}
	if r.proc, err = startCtdesk(ctx, bin, r.dir, env); err != nil {
		return nil, err
	}
	return r, nil
}

// openStore starts redis-server (with an admin client) or names the SQLite
// file, and sets ctdesk's environment for it.
func (r *rig) openStore(ctx context.Context, env map[string]string) error {
	if r.store == "sqlite" {
		env["CTDESK_DATA"] = filepath.Join(r.dir, "ctdesk.db")
		return nil
	}
	var err error
	if r.redis, err = redisproc.Start(redisproc.Options{}); err != nil {
		return err
	}
	env["REDIS_URL"], env["CTDESK_REDIS_PREFIX"] = r.redis.URL(), redisPrefix
	r.use = &tripCounter{}
	r.admin = redis.NewClient(&redis.Options{Addr: r.redis.Addr(), PoolSize: 1, DisableIdentity: true})
	r.admin.AddHook(r.use)
	return r.admin.Ping(ctx).Err()
}

// queue puts n messages due tomorrow in the outbox before ctdesk starts,
// so the run shows whether a deep queue makes delivery dearer.
func (r *rig) queue(ctx context.Context, n int) error {
	if n == 0 {
		return nil
	}
	var st storage.Store
	if r.store == "sqlite" {
		s, err := sqlitestore.Open(ctx, filepath.Join(r.dir, "ctdesk.db"))
		if err != nil {
			return err
		}
		st = s
	} else {
		st = redisstore.New(redis.NewClient(&redis.Options{Addr: r.redis.Addr()}), redisstore.Options{Prefix: redisPrefix})
	}
	defer st.Close()
	due := time.Now().Add(24 * time.Hour)
	for start := 0; start < n; start += 500 {
		var c storage.Change
		for i := start; i < min(start+500, n); i++ {
			c.Outbox = append(c.Outbox, storage.OutboxItem{ID: fmt.Sprintf("tgbench:queued:%d", i), Recipient: "ana",
				Payload: []byte(`{"to":"ana","text":"Recordatorio de mañana."}`), Created: time.Now(), NotBefore: due})
		}
		if _, err := st.Commit(ctx, c); err != nil {
			return fmt.Errorf("queue %d messages: %w", n, err)
		}
	}
	return nil
}

// close stops ctdesk (gracefully), the fake and the store.
func (r *rig) close() error {
	var errs []error
	if r.proc != nil {
		errs = append(errs, r.proc.stop())
	}
	if r.srv != nil {
		r.srv.Close()
	}
	if r.admin != nil {
		errs = append(errs, r.admin.Close())
	}
	errs = append(errs, r.redis.Close())
	if r.dir != "" {
		errs = append(errs, os.RemoveAll(r.dir))
	}
	return errors.Join(errs...)
}

// snapshot is what the run has spent so far.
type snapshot struct {
	wall       time.Time
	bot, redis time.Duration // CPU of each process
	stats      redisStats
	adminTrips int64 // the admin client's own round trips and commands,
	adminCmds  int64 // counted in stats too
	events     float64
}

func (r *rig) snapshot(ctx context.Context) (snapshot, error) {
	s := snapshot{wall: time.Now()}
	var err error
	if s.bot, err = cpuOf(r.proc.pid()); err != nil {
		return s, err
	}
	if r.redis == nil {
		return s, nil
	}
	if s.redis, err = cpuOf(r.redis.PID()); err != nil {
		return s, err
	}
	if s.stats, err = readRedisStats(ctx, r.admin); err != nil {
		return s, err
	}
	s.adminTrips, s.adminCmds = r.use.total.Load(), r.use.commands.Load()
	return s, nil
}

// cost is what ctdesk and its store spent between two snapshots, the
// admin client's own work taken out.
type cost struct {
	wall, bot, redis time.Duration
	work             redisWork
}

func costBetween(a, b snapshot) cost {
	c := cost{wall: b.wall.Sub(a.wall), bot: b.bot - a.bot, redis: b.redis - a.redis, work: a.stats.to(b.stats)}
	c.work.reads -= b.adminTrips - a.adminTrips
	c.work.commands -= b.adminCmds - a.adminCmds
	for _, own := range []string{"info", "scan", "memory|usage"} {
		delete(c.work.byCmd, own)
		delete(c.work.usec, own)
	}
	return c
}

func (c cost) minus(o cost) cost {
	return cost{wall: c.wall - o.wall, bot: c.bot - o.bot, redis: c.redis - o.redis, work: c.work.minus(o.work)}
}
