package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/sqlitestore"
)

// openStore opens Redis when REDIS_URL is set, else the embedded file
// CTDESK_DATA (default ./ctdesk.db). readOnly opens the file for a second
// process (a report or the bitácora) while the service runs.
func openStore(ctx context.Context, env Env, readOnly bool) (storage.Store, string, error) {
	if env.RedisURL != "" {
		opts, err := redisstore.ParseURL(env.RedisURL)
		if err != nil {
			return nil, "", fmt.Errorf("REDIS_URL: %w", err)
		}
		st := redisstore.New(redis.NewUniversalClient(opts), redisstore.Options{Prefix: env.RedisPrefix})
		if err := st.Ping(ctx); err != nil {
			return nil, "", errors.Join(fmt.Errorf("redis: %w", err), st.Close())
		}
		return st, "redis", nil
	}
	path := env.Data
	if readOnly {
		st, err := sqlitestore.OpenReadOnly(ctx, path)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", path, err)
		}
		return st, path, nil
	}
	st, err := sqlitestore.Open(ctx, path)
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", path, err)
	}
	return st, path, nil
}

// seed puts the configured areas and people in the store. People who
// registered through chat stay; the platform a person last used is kept
// unless the file sets one.
func seed(ctx context.Context, c *Config, st storage.Store) error {
	for _, a := range c.Areas {
		if err := st.PutArea(ctx, a); err != nil {
			return fmt.Errorf("seed area %s: %w", a.ID, err)
		}
	}
	for _, pc := range c.People {
		p := pc.person()
		if old, err := st.Person(ctx, p.ID); err == nil {
			if p.Platform == "" {
				p.Platform = old.Platform
			}
			for k, v := range old.Accounts {
				if _, set := p.Accounts[k]; !set {
					p.Accounts[k] = v
				}
			}
		} else if !errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("seed person %s: %w", p.ID, err)
		}
		if err := st.PutPerson(ctx, p); err != nil {
			return fmt.Errorf("seed person %s: %w", p.ID, err)
		}
	}
	return nil
}
