package conversations

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"ctdesk/storage"
)

// directory is a snapshot of people and areas.
type directory struct {
	people    map[string]storage.Person
	byAccount map[string]string // "platform:account" -> person id
	areas     map[string]storage.Area
	loaded    time.Time
}

// dirCache keeps the directory for a short while, so an update costs no
// extra store round trip: once the snapshot is older than its time to live
// it is still served while a fresh one loads in the background.
type dirCache struct {
	mu         sync.Mutex
	dir        *directory
	refreshing bool
	gen        int // bumped by invalidate, so an older reload is not kept
}

// refreshTimeout bounds a background reload of the directory.
const refreshTimeout = 10 * time.Second

func (c *dirCache) get(ctx context.Context, st storage.Directory, now time.Time, ttl time.Duration) (*directory, error) {
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
	d, err := loadDirectory(ctx, st, now)
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
func (c *dirCache) refresh(st storage.Directory, now time.Time, gen int) {
	ctx, cancel := context.WithTimeout(context.Background(), refreshTimeout)
	defer cancel()
	d, err := loadDirectory(ctx, st, now)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.refreshing = false
	if err == nil && c.dir != nil && c.gen == gen {
		c.dir = d
	}
}

// loadDirectory reads people and areas.
func loadDirectory(ctx context.Context, st storage.Directory, now time.Time) (*directory, error) {
	people, err := st.People(ctx)
	if err != nil {
		return nil, fmt.Errorf("conversations: load people: %w", err)
	}
	areas, err := st.Areas(ctx)
	if err != nil {
		return nil, fmt.Errorf("conversations: load areas: %w", err)
	}
	d := &directory{
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

// put replaces one person in the cached snapshot (a copy: readers keep the
// snapshot they hold), and drops any reload that started before.
func (c *dirCache) put(p storage.Person) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dir == nil {
		return
	}
	d := &directory{
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

func (c *dirCache) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dir = nil
	c.gen++
}

func (d *directory) person(id string) (storage.Person, bool) {
	p, ok := d.people[id]
	return p, ok
}

func (d *directory) byAcct(platform, account string) (storage.Person, bool) {
	id, ok := d.byAccount[platform+":"+account]
	if !ok {
		return storage.Person{}, false
	}
	return d.person(id)
}

// name returns a person's name, or the id when unknown.
func (d *directory) name(id string) string {
	if p, ok := d.people[id]; ok && p.Name != "" {
		return p.Name
	}
	return id
}

// areaName returns an area's name, or the id when unknown.
func (d *directory) areaName(id string) string {
	if a, ok := d.areas[id]; ok && a.Name != "" {
		return a.Name
	}
	return id
}

// Supervisor returns the supervisor of an area.
func (d *directory) Supervisor(area string) (storage.Person, bool) {
	a, ok := d.areas[area]
	if !ok {
		return storage.Person{}, false
	}
	return d.person(a.Supervisor)
}

// WithRole lists the active people with any of the roles, sorted by id.
func (d *directory) WithRole(roles ...storage.Role) []storage.Person {
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

// sortedAreas lists areas by name.
func (d *directory) sortedAreas() []storage.Area {
	out := make([]storage.Area, 0, len(d.areas))
	for _, a := range d.areas {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
