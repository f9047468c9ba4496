package redisstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// ServerSettings are the Redis settings that decide whether records
// survive memory pressure and restarts.
type ServerSettings struct {
	// MaxmemoryPolicy is what Redis evicts when full ("noeviction" keeps everything).
	MaxmemoryPolicy string
	// Maxmemory is the memory limit in bytes; 0 is none.
	Maxmemory int64
	// AOF reports whether the append-only file is on.
	AOF bool
	// Save are the RDB snapshot rules ("3600 1 300 100"); empty is none.
	// SaveKnown is false when the server refuses CONFIG GET (some managed
	// services do), and then Save says nothing.
	Save      string
	SaveKnown bool
}

// ServerSettings reads the memory and persistence settings from INFO, and
// the snapshot rules from CONFIG GET save when the server allows it.
func (s *Store) ServerSettings(ctx context.Context) (ServerSettings, error) {
	var set ServerSettings
	info, err := s.c.Info(ctx, "memory", "persistence").Result()
	if err != nil {
		return set, fmt.Errorf("redisstore: info: %w", err)
	}
	for _, line := range strings.Split(info, "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		switch k {
		case "maxmemory_policy":
			set.MaxmemoryPolicy = v
		case "maxmemory":
			set.Maxmemory, _ = strconv.ParseInt(v, 10, 64)
		case "aof_enabled":
			set.AOF = v == "1"
		}
	}
	if save, err := s.c.ConfigGet(ctx, "save").Result(); err == nil {
		set.Save, set.SaveKnown = strings.TrimSpace(save["save"]), true
	}
	return set, nil
}
