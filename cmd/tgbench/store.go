package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/redisstore/redistest"
	"ctdesk/storage/sqlitestore"
)

// kit is a fresh store of one kind plus what the benchmark needs to look
// inside it: round trips (Redis), the server's CPU (Redis) and the size of
// the stored dialogs.
type kit struct {
	kind  string
	st    storage.Store
	trips *tripCounter // nil for SQLite

	admin  redis.UniversalClient // an uncounted client for INFO and MEMORY USAGE
	prefix string
	close  func()
}

// openKit opens an empty store: a SQLite file in a temporary directory, or
// a fresh key prefix on redis (REDIS_URL, or a private redis-server
// started once per run by the caller's redisServer).
func openKit(ctx context.Context, kind string, rs *redisServer) (*kit, error) {
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
		url, err := rs.url()
		if err != nil {
			return nil, err
		}
		opts, err := redisstore.ParseURL(url)
		if err != nil {
			return nil, err
		}
		c := redis.NewUniversalClient(opts)
		trips := &tripCounter{}
		c.AddHook(trips)
		admin := redis.NewUniversalClient(opts)
		prefix := "tgbench-" + strconv.Itoa(os.Getpid()) + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
		st := redisstore.New(c, redisstore.Options{Prefix: prefix})
		k := &kit{kind: kind, st: st, trips: trips, admin: admin, prefix: prefix}
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

// serverCPU is redis-server's CPU time so far (INFO cpu: used_cpu_sys +
// used_cpu_user); zero for SQLite, which runs inside this process.
func (k *kit) serverCPU(ctx context.Context) (time.Duration, error) {
	if k.admin == nil {
		return 0, nil
	}
	info, err := k.admin.Info(ctx, "cpu").Result()
	if err != nil {
		return 0, err
	}
	var secs float64
	for line := range strings.SplitSeq(info, "\n") {
		name, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || (name != "used_cpu_sys" && name != "used_cpu_user") {
			continue
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return 0, fmt.Errorf("INFO cpu %s: %w", name, err)
		}
		secs += f
	}
	return time.Duration(secs * float64(time.Second)), nil
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

// redisServer starts a private redis-server on first use (or takes
// REDIS_URL) and stops it at Close.
type redisServer struct {
	srv *redistest.Server
}

func (r *redisServer) url() (string, error) {
	if r.srv == nil {
		s, err := redistest.Launch()
		if err != nil {
			return "", err
		}
		r.srv = s
	}
	return r.srv.URL(), nil
}

// Close stops a server started by url; an external one is left alone.
func (r *redisServer) Close() error {
	if r.srv == nil {
		return nil
	}
	return r.srv.Close()
}
