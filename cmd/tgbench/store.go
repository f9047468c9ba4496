package main

import (
	"context"
	"ctdesk/cmd/internal/redisproc"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/sqlitestore"
)

// kit is a fresh store of one kind plus what the benchmark needs to look
// inside it: round trips (Redis), the server's CPU (Redis) and the size of
// the stored dialogs.
type kit struct {
	kind  string
	st    storage.Store
	trips *tripCounter // nil for SQLite

	admin    redis.UniversalClient // an uncounted client for MEMORY USAGE
	prefix   string
	redisPID int // the run's redis-server, for its CPU
	close    func()
}

// openKit opens an empty store: a SQLite file in a temporary directory, or
// a fresh key prefix on the run's private redis-server (started on first
// use by rs).
func openKit(ctx context.Context, kind string, rs *lazyRedis) (*kit, error) {
	switch kind {
	case "sqlite":
		dir, err := os.MkdirTemp("", "tgbench")
		if err != nil {
			return nil, err
		}
		st, err := sqlitestore.Open(ctx, filepath.Join(dir, "ctdesk.db"))
		if err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		return &kit{kind: kind, st: st, close: func() { st.Close(); os.RemoveAll(dir) }}, nil
	case "redis":
		srv, err := rs.server()
		if err != nil {
			return nil, err
		}
		opts, err := redisstore.ParseURL(srv.URL())
		if err != nil {
			return nil, err
		}
		c := redis.NewUniversalClient(opts)
		trips := &tripCounter{}
		c.AddHook(trips)
		admin := redis.NewUniversalClient(opts)
		prefix := "tgbench-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		st := redisstore.New(c, redisstore.Options{Prefix: prefix})
		k := &kit{kind: kind, st: st, trips: trips, admin: admin, prefix: prefix, redisPID: srv.PID()}
		k.close = func() {
			// Leave nothing behind on a shared server.
			dctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = deleteKeys(dctx, admin, "{"+prefix+"}:*")
			st.Close()
			admin.Close()
		}
		if err := st.Ping(ctx); err != nil {
			k.close()
			return nil, err
		}
		return k, nil
	}
	return nil, fmt.Errorf("unknown store %q (sqlite or redis)", kind)
}

// dialogKey is redisstore's key of a person's dialog.
func (k *kit) dialogKey(person string) string { return "{" + k.prefix + "}:d:" + person }

// dialogSizes is what the open dialogs of people take in the store: the
// average and largest Dialog.Data, and for Redis the average MEMORY USAGE
// of the dialog key (data, version, timestamps and Redis' own overhead).
type dialogSizes struct {
	open          int
	avgData       float64
	maxData       int
	avgRedisBytes float64
}

func (k *kit) dialogSizes(ctx context.Context, people []string) (dialogSizes, error) {
	var ds dialogSizes
	total, redisTotal := 0, int64(0)
	for _, id := range people {
		d, err := k.st.Dialog(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return ds, err
		}
		ds.open++
		total += len(d.Data)
		ds.maxData = max(ds.maxData, len(d.Data))
		if k.admin != nil {
			n, err := k.admin.MemoryUsage(ctx, k.dialogKey(id)).Result()
			if err != nil {
				return ds, fmt.Errorf("MEMORY USAGE %s: %w", k.dialogKey(id), err)
			}
			redisTotal += n
		}
	}
	if ds.open > 0 {
		ds.avgData = float64(total) / float64(ds.open)
		ds.avgRedisBytes = float64(redisTotal) / float64(ds.open)
	}
	return ds, nil
}

// serverCPU is redis-server's CPU time so far, from /proc; zero for
// SQLite, which runs inside this process.
func (k *kit) serverCPU() (time.Duration, error) {
	if k.redisPID == 0 {
		return 0, nil
	}
	return cpuOf(k.redisPID)
}

// deleteKeys removes the keys matching pattern.
func deleteKeys(ctx context.Context, c redis.UniversalClient, pattern string) error {
	var cursor uint64
	for {
		keys, next, err := c.Scan(ctx, cursor, pattern, 500).Result()
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			if err := c.Del(ctx, keys...).Err(); err != nil {
				return err
			}
		}
		if cursor = next; cursor == 0 {
			return nil
		}
	}
}

// lazyRedis starts the run's redis-server on first use and stops it at
// Close.
type lazyRedis struct {
	srv *redisproc.Server
}

func (l *lazyRedis) server() (*redisproc.Server, error) {
	if l.srv == nil {
		s, err := redisproc.Start(redisproc.Options{})
		if err != nil {
			return nil, err
		}
		l.srv = s
	}
	return l.srv, nil
}

// Close stops the server if one was started.
func (l *lazyRedis) Close() error { return l.srv.Close() }
