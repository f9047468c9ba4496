package redisstore

import (
	"cmp"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
)

var _ storage.Backup = (*Store)(nil)

var (
	//go:embed lua/export.lua
	exportLua    string
	exportScript = redis.NewScript(exportLua)
)

// Export reads every record but the files' bytes in one read-only script:
// Redis runs it alone, so the records are one consistent snapshot (while
// it runs, which takes milliseconds for a service desk's data, other
// commands wait). Files are written once and never changed, so their
// bytes, read afterwards one by one, are those of the snapshot.
func (s *Store) Export(ctx context.Context, emit func(storage.Record) error) error {
	raw, err := exportScript.RunRO(ctx, s.c, s.route, s.p, matchEscape(s.p)).Slice()
	if err != nil {
		return fmt.Errorf("redisstore: export: %w", err)
	}
	if len(raw) != 12 {
		return fmt.Errorf("redisstore: export: unexpected reply of %d parts", len(raw))
	}
	part := func(i int) []string { return strs(raw[i]) }
	now := s.serverTime(part(11))
	recs, err := snapshotRecords(part, now)
	if err != nil {
		return fmt.Errorf("redisstore: export: %w", err)
	}
	for _, r := range recs {
		if err := emit(r); err != nil {
			return err
		}
	}
	for _, id := range part(10) {
		f, err := s.File(ctx, id)
		if err != nil {
			return fmt.Errorf("redisstore: export: %w", err)
		}
		if err := emit(storage.Record{File: &storage.FileCopy{File: f, Bytes: f.Data}}); err != nil {
			return err
		}
	}
	return nil
}

// snapshotRecords turns the script's reply, but files, into records in
// the order of storage.Backup.
func snapshotRecords(part func(int) []string, now time.Time) ([]storage.Record, error) {
	var out []storage.Record
	add := func(r storage.Record) { out = append(out, r) }
	if err := decodeAll(part(0), func(a *storage.Area) { add(storage.Record{Area: a}) }); err != nil {
		return nil, err
	}
	people := []storage.Record{}
	if err := decodeAll(part(1), func(p *storage.Person) { people = append(people, storage.Record{Person: p}) }); err != nil {
		return nil, err
	}
	slices.SortFunc(people, func(a, b storage.Record) int { return cmp.Compare(a.Person.ID, b.Person.ID) })
	out = append(out, people...)
	var plan []*storage.PlanItem
	if err := decodeAll(part(2), func(p *storage.PlanItem) { plan = append(plan, p) }); err != nil {
		return nil, err
	}
	slices.SortFunc(plan, func(a, b *storage.PlanItem) int {
		return cmp.Or(a.Planned.Compare(b.Planned), cmp.Compare(a.ID, b.ID))
	})
	for _, p := range plan {
		add(storage.Record{Plan: p})
	}
	for kv := part(3); len(kv) >= 2; kv = kv[2:] {
		year, err1 := strconv.Atoi(kv[0])
		last, err2 := strconv.ParseInt(kv[1], 10, 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("folio counter %q = %q", kv[0], kv[1])
		}
		add(storage.Record{Folio: &storage.FolioCounter{Year: year, Last: last}})
	}
	if err := decodeAll(part(4), func(t *storage.Ticket) { add(storage.Record{Ticket: t}) }); err != nil {
		return nil, err
	}
	for _, line := range part(5) {
		e, err := parseLogLine([]byte(line))
		if err != nil {
			return nil, err
		}
		add(storage.Record{Log: &e})
	}
	rest, err := volatileRecords(part, now)
	return append(out, rest...), err
}

// volatileRecords reads the outbox, dialogs, job runs and values.
func volatileRecords(part func(int) []string, now time.Time) ([]storage.Record, error) {
	var out []storage.Record
	for h := part(6); len(h) >= outboxFields; h = h[outboxFields:] {
		it, err := outboxFromHash(h)
		if err != nil {
			return nil, err
		}
		out = append(out, storage.Record{Outbox: &it})
	}
	slices.SortFunc(out, func(a, b storage.Record) int { return cmp.Compare(a.Outbox.Seq, b.Outbox.Seq) })
	for d := part(7); len(d) >= 5; d = d[5:] {
		v, err := strconv.ParseInt(d[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("dialog %s: version %q", d[0], d[1])
		}
		upd, err := parseTime(d[2])
		if err != nil {
			return nil, fmt.Errorf("dialog %s: %w", d[0], err)
		}
		out = append(out, storage.Record{Dialog: &storage.DialogCopy{
			Dialog:  storage.Dialog{Person: d[0], Version: v, Data: []byte(d[3]), Updated: upd},
			Expires: expiry(now, d[4])}})
	}
	var jobs []storage.Record
	for j := part(8); len(j) >= 2; j = j[2:] {
		at, err := parseTime(j[1])
		if err != nil {
			return nil, fmt.Errorf("job %s: %w", j[0], err)
		}
		jobs = append(jobs, storage.Record{Job: &storage.JobRun{Job: j[0], LastRun: at}})
	}
	slices.SortFunc(jobs, func(a, b storage.Record) int { return cmp.Compare(a.Job.Job, b.Job.Job) })
	out = append(out, jobs...)
	for v := part(9); len(v) >= 3; v = v[3:] {
		out = append(out, storage.Record{Value: &storage.ValueCopy{Key: v[0], Value: []byte(v[1]), Expires: expiry(now, v[2])}})
	}
	return out, nil
}

// outboxFields is how many hash fields of an outbox item the claim and the
// export read: m, p, s, a, e, n, d.
const outboxFields = 7

// outboxFromHash reads an outbox item's hash fields m (id, recipient,
// created), p (payload), s (Seq), a (attempts), e (last error), n (not
// before) and d (platform calls made), in that order.
func outboxFromHash(h []string) (storage.OutboxItem, error) {
	var m outboxMeta
	if err := json.Unmarshal([]byte(h[0]), &m); err != nil {
		return storage.OutboxItem{}, fmt.Errorf("outbox item: %w", err)
	}
	it := storage.OutboxItem{ID: m.ID, Recipient: m.Recipient, Created: m.Created, Payload: []byte(h[1]), LastError: h[4]}
	it.Seq, _ = strconv.ParseInt(h[2], 10, 64)
	it.Attempts, _ = strconv.Atoi(h[3])
	it.Sent, _ = strconv.Atoi(h[6])
	var err error
	if it.NotBefore, err = parseTime(h[5]); err != nil {
		return it, fmt.Errorf("outbox item %s: %w", m.ID, err)
	}
	return it, nil
}

// decodeAll decodes each JSON document and hands it to fn.
func decodeAll[T any](docs []string, fn func(*T)) error {
	for _, js := range docs {
		v := new(T)
		if err := json.Unmarshal([]byte(js), v); err != nil {
			return err
		}
		fn(v)
	}
	return nil
}

// expiry is the instant a key with that PTTL (ms; negative: none) expires.
func expiry(now time.Time, pttl string) time.Time {
	ms, err := strconv.ParseInt(pttl, 10, 64)
	if err != nil || ms < 0 {
		return time.Time{}
	}
	return now.Add(time.Duration(ms) * time.Millisecond)
}

// serverTime reads the reply of TIME, falling back to the local clock.
func (s *Store) serverTime(t []string) time.Time {
	if len(t) == 2 {
		sec, err1 := strconv.ParseInt(t[0], 10, 64)
		usec, err2 := strconv.ParseInt(t[1], 10, 64)
		if err1 == nil && err2 == nil {
			return time.Unix(sec, usec*1000).UTC()
		}
	}
	return time.Now().UTC()
}

// strs turns a script's array reply into strings.
func strs(v any) []string {
	arr, _ := v.([]any)
	out := make([]string, len(arr))
	for i, x := range arr {
		switch y := x.(type) {
		case string:
			out[i] = y
		case int64:
			out[i] = strconv.FormatInt(y, 10)
		}
	}
	return out
}

// matchEscape escapes a key prefix for SCAN's MATCH pattern.
func matchEscape(p string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`, "]", `\]`).Replace(p)
}
