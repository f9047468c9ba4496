package redistest_test

import (
	"context"
	"testing"

	"ctdesk/storage/redisstore/redistest"
)

func TestRestartKeepsData(t *testing.T) {
	s := redistest.Start(t)
	c := s.Client(t)
	ctx := context.Background()
	if err := c.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatalf("set: %v", err)
	}
	s.Restart(t)
	got, err := c.Get(ctx, "k").Result()
	if err != nil || got != "v" {
		t.Fatalf("get after restart = %q, %v; want v", got, err)
	}
	s.Stop(t)
	if err := c.Ping(ctx).Err(); err == nil {
		t.Fatalf("ping after Stop succeeded")
	}
}

func TestNotFound(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("REDIS_URL", "")
	if _, err := redistest.Launch(); err == nil || err.Error() != redistest.NotFoundMessage {
		t.Fatalf("Launch without redis-server: %v; want %q", err, redistest.NotFoundMessage)
	}
}
