// Package directory is the engine's copy of the people and areas: a
// snapshot read from the store and kept for a few seconds, refreshed in the
// background once it is older, so handling an update costs no extra store
// round trip.
package directory

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"ctdesk/storage"
)

// Snapshot is the people and areas as read at one moment.
type Snapshot struct {
	people    map[string]storage.Person
	byAccount map[string]string // "platform:account" -> person id
	areas     map[string]storage.Area
	loaded    time.Time
}

// Cache keeps the directory for a short while, so an update costs no
// extra store round trip: once the snapshot is older than its time to live
// it is still served while a fresh one loads in the background. The zero
// value is an empty cache.
type Cache struct {
	mu         sync.Mutex
	dir        *Snapshot
	refreshing bool
	gen        int // bumped by invalidate, so an older reload is not kept
}

// refreshTimeout bounds a background reload of the directory.
const refreshTimeout = 10 * time.Second

// Get returns the snapshot, loading it when there is none.
func (c *Cache) Get(ctx context.Context, st storage.Directory, now time.Time, ttl time.Duration) (*Snapshot, error) {
	c.mu.Lock()
	d := c.dir
	stale := d != nil && (now.Sub(d.loaded) >= ttl || now.Before(d.loaded))
	if d != nil && stale && !c.refreshing {
		c.refreshing = true
		go c.refresh(st, now, c.gen)
	}
	c.mu.Unlock()
	if d != nil {
		return d, nil
	}
	d, err := Load(ctx, st, now)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dir == nil {
		c.dir = d
	}
	return d, nil
}

// refresh reloads the directory outside any update; a failure keeps the
// old snapshot and is tried again on a later update.
func (c *Cache) refresh(st storage.Directory, now time.Time, gen int) {
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	d, err := Load(ctx, st, now)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refreshing = false
	if err == nil && c.dir != nil && c.gen == gen {
		c.dir = d
	}
}

// Load reads people and areas.
func Load(ctx context.Context, st storage.Directory, now time.Time) (*Snapshot, error) {
	people, err := st.People(ctx)
	if err != nil {
		return nil, fmt.Errorf("directory: load people: %w", err)
	}
	areas, err := st.Areas(ctx)
	if err != nil {
		return nil, fmt.Errorf("directory: load areas: %w", err)
	}
	d := &Snapshot{
		people:    make(map[string]storage.Person, len(people)),
		byAccount: make(map[string]string, len(people)),
		areas:     make(map[string]storage.Area, len(areas)),
		loaded:    now,
	}
	for _, p := range people {
		d.people[p.ID] = p
		for platform, acct := range p.Accounts {
			d.byAccount[platform+":"+acct] = p.ID
		}
	}
	for _, a := range areas {
		d.areas[a.ID] = a
	}
	return d, nil
}

// Put replaces one person in the cached snapshot (a copy: readers keep the
// snapshot they hold), and drops any reload that started before.
func (c *Cache) Put(p storage.Person) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dir == nil {
		return
	}
	d := &Snapshot{
		people:    make(map[string]storage.Person, len(c.dir.people)+1),
		byAccount: make(map[string]string, len(c.dir.byAccount)+len(p.Accounts)),
		areas:     c.dir.areas,
		loaded:    c.dir.loaded,
	}
	for id, q := range c.dir.people {
		d.people[id] = q
	}
	for k, id := range c.dir.byAccount {
		d.byAccount[k] = id
	}
	d.people[p.ID] = p
	for platform, acct := range p.Accounts {
		d.byAccount[platform+":"+acct] = p.ID
	}
	c.dir = d
	c.gen++
}

// Invalidate drops the snapshot, so the next Get reads the store.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dir = nil
	c.gen++
}

// Person returns the person with the id.
func (d *Snapshot) Person(id string) (storage.Person, bool) {
	p, ok := d.people[id]
	return p, ok
}

// ByAccount returns the person linked to an account of a platform.
func (d *Snapshot) ByAccount(platform, account string) (storage.Person, bool) {
	id, ok := d.byAccount[platform+":"+account]
	if !ok {
		return storage.Person{}, false
	}
	return d.Person(id)
}

// Name returns a person's name, or the id when unknown.
func (d *Snapshot) Name(id string) string {
	if p, ok := d.people[id]; ok && p.Name != "" {
		return p.Name
	}
	return id
}

// AreaName returns an area's name, or the id when unknown.
func (d *Snapshot) AreaName(id string) string {
	if a, ok := d.areas[id]; ok && a.Name != "" {
		return a.Name
	}
	return id
}

// Supervisor returns the supervisor of an area.
func (d *Snapshot) Supervisor(area string) (storage.Person, bool) {
	a, ok := d.areas[area]
	if !ok {
		return storage.Person{}, false
	}
	return d.Person(a.Supervisor)
}

// WithRole lists the active people with any of the roles, sorted by id.
func (d *Snapshot) WithRole(roles ...storage.Role) []storage.Person {
	var out []storage.Person
	for _, p := range d.people {
		if p.Pending || p.Disabled {
			continue
		}
		for _, r := range roles {
			if p.Role == r {
				out = append(out, p)
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Areas lists the areas by name.
func (d *Snapshot) Areas() []storage.Area {
	out := make([]storage.Area, 0, len(d.areas))
	for _, a := range d.areas {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
