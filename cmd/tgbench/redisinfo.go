package main

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/redis/go-redis/v9"
)

// redisStats is what INFO says of the server's work so far.
type redisStats struct {
	// commands counts every command run, those inside scripts included
	// (total_commands_processed).
	commands int64
	// reads counts the requests read from clients (total_reads_processed):
	// one per round trip, a pipeline being one.
	reads  int64
	byCmd  map[string]int64 // INFO commandstats: calls by command
	usec   map[string]int64 // INFO commandstats: µs spent by command
	memory int64            // used_memory
	keys   int64            // keys in db0
}

// readRedisStats asks INFO, in one command.
func readRedisStats(ctx context.Context, c *redis.Client) (redisStats, error) {
	info, err := c.Info(ctx, "stats", "commandstats", "memory", "keyspace").Result()
	if err != nil {
		return redisStats{}, fmt.Errorf("INFO: %w", err)
	}
	st := redisStats{byCmd: map[string]int64{}, usec: map[string]int64{}}
	for line := range strings.SplitSeq(info, "\n") {
		name, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		switch {
		case name == "total_commands_processed":
			st.commands, err = strconv.ParseInt(val, 10, 64)
		case name == "total_reads_processed":
			st.reads, err = strconv.ParseInt(val, 10, 64)
		case name == "used_memory":
			st.memory, err = strconv.ParseInt(val, 10, 64)
		case name == "db0":
			keys, _, _ := strings.Cut(strings.TrimPrefix(val, "keys="), ",")
			st.keys, err = strconv.ParseInt(keys, 10, 64)
		case strings.HasPrefix(name, "cmdstat_"):
			err = st.command(strings.TrimPrefix(name, "cmdstat_"), val)
		}
		if err != nil {
			return st, fmt.Errorf("INFO %s: %w", name, err)
		}
	}
	return st, nil
}

// command reads one line of INFO commandstats: "calls=N,usec=N,...".
func (st *redisStats) command(name, val string) error {
	for field := range strings.SplitSeq(val, ",") {
		k, v, _ := strings.Cut(field, "=")
		var err error
		switch k {
		case "calls":
			st.byCmd[name], err = strconv.ParseInt(v, 10, 64)
		case "usec":
			st.usec[name], err = strconv.ParseInt(v, 10, 64)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// redisWork is the work between two INFO readings.
type redisWork struct {
	commands, reads int64
	byCmd, usec     map[string]int64
}

func (a redisStats) to(b redisStats) redisWork {
	return redisWork{commands: b.commands - a.commands, reads: b.reads - a.reads,
		byCmd: diff(b.byCmd, a.byCmd), usec: diff(b.usec, a.usec)}
}

func (w redisWork) minus(o redisWork) redisWork {
	return redisWork{commands: w.commands - o.commands, reads: w.reads - o.reads,
		byCmd: diff(w.byCmd, o.byCmd), usec: diff(w.usec, o.usec)}
}

// diff is a less b, key by key, without the keys that did not change.
func diff(a, b map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range a {
		if d := v - b[k]; d != 0 {
			out[k] = d
		}
	}
	for k, v := range b {
		if _, ok := a[k]; !ok {
			out[k] = -v
		}
	}
	return out
}

// top lists the n commands that count most in m (calls or µs).
func top(m map[string]int64, n int) []string {
	names := slices.Collect(maps.Keys(m))
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), strings.Compare(a, b)) })
	var out []string
	for _, name := range names[:min(n, len(names))] {
		if m[name] > 0 {
			out = append(out, name)
		}
	}
	return out
}

// keySpace is what the keys of each class take (MEMORY USAGE, Redis' own
// overhead included).
type keySpace map[string]classSize

type classSize struct {
	keys  int
	bytes int64
}

// keyClass is the kind of a redisstore key: "{prefix}:d:u7" is "d",
// "{prefix}:ob:i:x" is "ob:i", "{prefix}:seen:telegram:42" is "seen".
func keyClass(key string) string {
	if _, rest, ok := strings.Cut(key, "}:"); ok {
		key = rest
	}
	parts := strings.SplitN(key, ":", 3)
	if len(parts) == 3 && (parts[0] == "ob" || parts[0] == "ix" || parts[0] == "log") {
		return parts[0] + ":" + parts[1]
	}
	return parts[0]
}

// measureKeys walks every key with SCAN and adds up MEMORY USAGE by class.
func measureKeys(ctx context.Context, c *redis.Client) (keySpace, error) {
	ks := keySpace{}
	var cursor uint64
	for {
		keys, next, err := c.Scan(ctx, cursor, "*", 1000).Result()
		if err != nil {
			return nil, fmt.Errorf("SCAN: %w", err)
		}
		cmds := make([]*redis.IntCmd, len(keys))
		_, err = c.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i, k := range keys {
				cmds[i] = p.MemoryUsage(ctx, k, 0)
			}
			return nil
		})
		if err != nil && err != redis.Nil {
			return nil, fmt.Errorf("MEMORY USAGE: %w", err)
		}
		for i, k := range keys {
			n, err := cmds[i].Result()
			if err != nil {
				continue // expired between SCAN and MEMORY USAGE
			}
			cs := ks[keyClass(k)]
			cs.keys++
			cs.bytes += n
			ks[keyClass(k)] = cs
		}
		if cursor = next; cursor == 0 {
			return ks, nil
		}
	}
}

// since is what the keys of each class grew from before to ks.
func (ks keySpace) since(before keySpace) keySpace {
	out := keySpace{}
	for k, v := range ks {
		b := before[k]
		if d := (classSize{keys: v.keys - b.keys, bytes: v.bytes - b.bytes}); d != (classSize{}) {
			out[k] = d
		}
	}
	for k, b := range before {
		if _, ok := ks[k]; !ok {
			out[k] = classSize{keys: -b.keys, bytes: -b.bytes}
		}
	}
	return out
}

// grown is the bytes the classes that grew grew by. A shared structure
// (an index holding every user's messages) may shrink meanwhile, as it
// empties or rehashes: that is no saving of any one dialog's.
func (ks keySpace) grown() int64 {
	var n int64
	for _, v := range ks {
		n += max(v.bytes, 0)
	}
	return n
}

// classes lists the classes, largest first.
func (ks keySpace) classes() []string {
	names := slices.Collect(maps.Keys(ks))
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(ks[b].bytes, ks[a].bytes), strings.Compare(a, b))
	})
	return names
}
