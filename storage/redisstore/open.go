package redisstore

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// storeSettings are the URL options that Open reads for the store itself
// rather than for go-redis.
var storeSettings = []string{"min_replicas", "replica_timeout"}

// Open returns a store over the Redis that rawURL names (any form ParseURL
// reads). Beside go-redis' options the URL may carry the store's
// replication policy, which overrides opts':
//
//	min_replicas=N       Options.MinReplicas; without it a Sentinel URL means 1
//	replica_timeout=D    Options.ReplicaTimeout, a Go duration such as 500ms
//
// Every command is bounded by its context's deadline (go-redis'
// ContextTimeoutEnabled), so a hung server costs a caller its own deadline;
// a dial gives up after two seconds unless the URL says otherwise.
//
// Open does no I/O: Ping checks the connection.
func Open(rawURL string, opts Options) (*Store, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("redisstore: parse url: %w", err)
	}
	q := u.Query()
	minReplicas, timeout := q.Get("min_replicas"), q.Get("replica_timeout")
	for _, k := range storeSettings {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	uo, err := ParseURL(u.String())
	if err != nil {
		return nil, err
	}
	switch {
	case minReplicas != "":
		n, err := strconv.Atoi(minReplicas)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("redisstore: parse url: min_replicas %q is not a whole number of replicas", minReplicas)
		}
		opts.MinReplicas = n
	case opts.MinReplicas == 0 && uo.MasterName != "":
		opts.MinReplicas = 1
	}
	if timeout != "" {
		d, err := time.ParseDuration(timeout)
		if err != nil || d <= 0 {
			return nil, fmt.Errorf("redisstore: parse url: replica_timeout %q is not a positive duration (500ms, 2s)", timeout)
		}
		opts.ReplicaTimeout = d
	}
	uo.ContextTimeoutEnabled = true
	if uo.DialTimeout == 0 {
		uo.DialTimeout = 2 * time.Second
	}
	return New(redis.NewUniversalClient(uo), opts), nil
}
