package redisstore

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"reflect"
	"strings"

	"github.com/redis/go-redis/v9"
)

// ParseURL maps a REDIS_URL to options for redis.NewUniversalClient:
//
//	redis://[user:pass@]host:port[/db][?opts]    single node (also rediss://, unix://)
//	redis+sentinel://[user:pass@]sentinel:26379[/db]?master_name=NAME[&addr=host:port...]
//	redis+cluster://[user:pass@]host:port?addr=host:port[&addr=...]
//
// rediss+sentinel:// and rediss+cluster:// add TLS. A redis:// URL with a
// master_name option is read as Sentinel, one with addr options as Cluster.
// Options are go-redis' (redis.ParseURL, ParseFailoverURL, ParseClusterURL);
// the store's own (min_replicas, replica_timeout) are read by Open.
func ParseURL(rawURL string) (*redis.UniversalOptions, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redisstore: parse url: %w", err)
	}
	base, mode, _ := strings.Cut(u.Scheme, "+")
	q := u.Query()
	for _, k := range storeSettings {
		if q.Has(k) {
			return nil, fmt.Errorf("redisstore: parse url: %s is a setting of the store: open it with redisstore.Open", k)
		}
	}
	if mode == "" && (base == "redis" || base == "rediss") {
		switch {
		case q.Has("master_name"):
			mode = "sentinel"
		case q.Has("addr"):
			mode = "cluster"
		}
	}
	plain := *u
	plain.Scheme = base
	switch mode {
	case "":
		o, err := redis.ParseURL(plain.String())
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse url: %w", err)
		}
		return fromSimple(o), nil
	case "sentinel":
		o, err := redis.ParseFailoverURL(plain.String())
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse url: %w", err)
		}
		if o.MasterName == "" {
			return nil, fmt.Errorf("redisstore: parse url: sentinel URL needs master_name")
		}
		return fromFailover(o), nil
	case "cluster":
		o, err := redis.ParseClusterURL(plain.String())
		if err != nil {
			return nil, fmt.Errorf("redisstore: parse url: %w", err)
		}
		return fromCluster(o), nil
	}
	return nil, fmt.Errorf("redisstore: parse url: unknown scheme %q", u.Scheme)
}

func fromSimple(o *redis.Options) *redis.UniversalOptions {
	u := &redis.UniversalOptions{Addrs: []string{o.Addr}}
	copyShared(u, o)
	if o.Network == "unix" {
		addr := o.Addr
		u.Dialer = func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", addr)
		}
	}
	return u
}

func fromFailover(o *redis.FailoverOptions) *redis.UniversalOptions {
	u := &redis.UniversalOptions{Addrs: o.SentinelAddrs}
	copyShared(u, o)
	return u
}

func fromCluster(o *redis.ClusterOptions) *redis.UniversalOptions {
	u := &redis.UniversalOptions{Addrs: o.Addrs, IsClusterMode: true}
	copyShared(u, o)
	return u
}

// copyShared copies every option that go-redis' per-mode options share
// with UniversalOptions (same name, same type), so a setting given in the
// URL (timeouts, pool sizes, TLS, credentials, DB, master name…) is never
// dropped on the way; Addrs and the dialer are set by the caller.
func copyShared(dst *redis.UniversalOptions, src any) {
	d := reflect.ValueOf(dst).Elem()
	sv := reflect.ValueOf(src).Elem()
	st := sv.Type()
	for i := 0; i < st.NumField(); i++ {
		f := st.Field(i)
		if !f.IsExported() || f.Name == "Addrs" || f.Name == "Addr" || f.Name == "Dialer" {
			continue
		}
		df := d.FieldByName(f.Name)
		if df.IsValid() && df.CanSet() && df.Type() == f.Type {
			df.Set(sv.Field(i))
		}
	}
}
