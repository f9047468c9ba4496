package leaktest

import (
	"context"
	"fmt"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Redis fails the test if secret is stored under the prefix's keys.
func Redis(tb testing.TB, c redis.UniversalClient, prefix, secret string) {
	tb.Helper()
	found, err := FindRedis(tb.Context(), c, prefix, secret)
	report(tb, "Redis {"+prefix+"}", found, err)
}

// FindRedis scans every key under "{prefix}:" (strings, hashes, lists,
// sets, sorted sets, streams; key names too) and returns where secret
// is: "KEY", "KEY field F", "KEY [i]", "KEY member", "KEY entry ID". In a
// Cluster it scans the master of the prefix's slot, where all the keys
// are; through Sentinel, the master.
func FindRedis(ctx context.Context, c redis.UniversalClient, prefix, secret string) ([]string, error) {
	m, err := newMatcher(secret)
	if err != nil {
		return nil, err
	}
	p := "{" + prefix + "}:"
	var node redis.Cmdable = c
	if cc, ok := c.(*redis.ClusterClient); ok {
		if node, err = cc.MasterForKey(ctx, p); err != nil {
			return nil, fmt.Errorf("master of %s: %w", p, err)
		}
	}
	var found []string
	iter := node.Scan(ctx, 0, p+"*", 1000).Iterator()
	for iter.Next(ctx) {
		key := iter.Val()
		if m.in([]byte(key)) {
			found = append(found, key+" (the key's name)")
		}
		f, err := findInKey(ctx, node, m, key)
		if err != nil {
			return found, fmt.Errorf("%s: %w", key, err)
		}
		found = append(found, f...)
	}
	return found, iter.Err()
}

// findInKey reads one key whole, whatever its type.
func findInKey(ctx context.Context, c redis.Cmdable, m matcher, key string) ([]string, error) {
	typ, err := c.Type(ctx, key).Result()
	if err != nil {
		return nil, err
	}
	var found []string
	hit := func(where, v string) {
		if m.in([]byte(v)) {
			found = append(found, key+where)
		}
	}
	switch typ {
	case "none": // expired or deleted since the scan saw it
	case "string":
		v, err := c.Get(ctx, key).Result()
		if err != nil && err != redis.Nil {
			return nil, err
		}
		hit("", v)
	case "hash":
		h, err := c.HGetAll(ctx, key).Result()
		for f, v := range h {
			hit(" field "+f, f+"\x00"+v)
		}
		return found, err
	case "list":
		l, err := c.LRange(ctx, key, 0, -1).Result()
		for i, v := range l {
			hit(fmt.Sprintf(" [%d]", i), v)
		}
		return found, err
	case "set":
		s, err := c.SMembers(ctx, key).Result()
		for _, v := range s {
			hit(" member", v)
		}
		return found, err
	case "zset":
		z, err := c.ZRange(ctx, key, 0, -1).Result()
		for _, v := range z {
			hit(" member", v)
		}
		return found, err
	case "stream":
		xs, err := c.XRange(ctx, key, "-", "+").Result()
		for _, x := range xs {
			for f, v := range x.Values {
				hit(" entry "+x.ID, f+"\x00"+fmt.Sprint(v))
			}
		}
		return found, err
	default:
		return nil, fmt.Errorf("type %s cannot be read", typ)
	}
	return found, nil
}
