// Package convtest gives tests of the engine and its adapters what they
// share: the example directory of DESIGN §6 in a real store (the embedded
// file or a private Redis), and a clock that moves only when told.
package convtest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/redisstore/redistest"
	"ctdesk/storage/sqlitestore"
)

// Opener opens a fresh, empty store for a test.
type Opener func(tb testing.TB) storage.Store

var (
	redisOnce sync.Once
	redisSrv  *redistest.Server
	redisErr  error
)

// Stores returns both store implementations by name, so a test can run
// the same scenario on each.
func Stores() map[string]Opener {
	return map[string]Opener{"sqlite": SQLite, "redis": Redis}
}

// SQLite opens a store in a fresh file under tb.TempDir().
func SQLite(tb testing.TB) storage.Store {
	tb.Helper()
	st, err := sqlitestore.Open(context.Background(), filepath.Join(tb.TempDir(), "ctdesk.db"))
	if err != nil {
		tb.Fatalf("open sqlite store: %v", err)
	}
	tb.Cleanup(func() { _ = st.Close() })
	return st
}

// Redis opens a store under a fresh prefix on a redis-server shared by the
// test binary (started on a free port, or REDIS_URL when set).
func Redis(tb testing.TB) storage.Store {
	tb.Helper()
	redisOnce.Do(func() { redisSrv, redisErr = redistest.Launch() })
	if redisErr != nil {
		tb.Fatalf("redis: %v", redisErr)
	}
	prefix := redisSrv.Prefix(tb)
	st := redisstore.New(redisSrv.Client(tb), redisstore.Options{Prefix: prefix})
	homesMu.Lock()
	homes[st] = redisHome{c: redisSrv.Client(tb), prefix: prefix}
	homesMu.Unlock()
	tb.Cleanup(func() {
		homesMu.Lock()
		defer homesMu.Unlock()
		delete(homes, st)
	})
	return st
}

// Location is the institution's time zone in tests.
func Location() *time.Location {
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		panic(err)
	}
	return loc
}

// Areas and People are the example directory of DESIGN §6.
var (
	Areas = []storage.Area{
		{ID: "finanzas", Name: "Dirección de Finanzas", Supervisor: "luis"},
		{ID: "tecnologias", Name: "Coordinación de Tecnologías", Supervisor: "ana"},
		{ID: "rectoria", Name: "Rectoría", Supervisor: "rect"},
	}
	People = []storage.Person{
		{ID: "ana", Name: "Ana López", Role: storage.RoleCoordinador, Area: "tecnologias", Accounts: map[string]string{"telegram": "1001", "slack": "U01ANA", "console": "ana"}},
		{ID: "beto", Name: "Beto Ruiz", Role: storage.RoleTecnico, Area: "tecnologias", Accounts: map[string]string{"telegram": "1002", "console": "beto"}},
		{ID: "luis", Name: "Luis Pérez", Role: storage.RoleSupervisor, Area: "finanzas", Accounts: map[string]string{"telegram": "2001", "console": "luis"}},
		{ID: "rosa", Name: "Rosa Díaz", Role: storage.RoleUsuario, Area: "finanzas", Accounts: map[string]string{"telegram": "2002", "console": "rosa"}},
		{ID: "rect", Name: "Rectoría", Role: storage.RoleAutoridad, Area: "rectoria", Accounts: map[string]string{"telegram": "3001", "console": "rect"}},
	}
)

// Seed puts the example directory in the store.
func Seed(tb testing.TB, st storage.Directory) {
	tb.Helper()
	ctx := context.Background()
	for _, a := range Areas {
		if err := st.PutArea(ctx, a); err != nil {
			tb.Fatalf("seed area %s: %v", a.ID, err)
		}
	}
	for _, p := range People {
		if err := st.PutPerson(ctx, p); err != nil {
			tb.Fatalf("seed person %s: %v", p.ID, err)
		}
	}
}

// Clock is a time that moves only when told; safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}
