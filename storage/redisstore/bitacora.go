package redisstore

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	"ctdesk/storage"
)

const logPage = 1000

// AppendLog appends entries outside any other change.
func (s *Store) AppendLog(ctx context.Context, entries ...storage.LogEntry) error {
	if len(entries) == 0 {
		return nil
	}
	if _, err := s.Commit(ctx, storage.Change{Log: entries}); err != nil {
		return fmt.Errorf("redisstore: append log: %w", err)
	}
	return nil
}

// Log lists the entries matching f in append order, reading the folio's own
// list when f names a folio, and only the period's entries (log:t) when f
// has one.
func (s *Store) Log(ctx context.Context, f storage.LogFilter) ([]storage.LogEntry, error) {
	key := s.p + "log"
	if f.Folio != "" {
		key = s.p + "log:f:" + f.Folio
	} else if !f.From.IsZero() || !f.To.IsZero() {
		return s.logPeriod(ctx, f)
	}
	out := []storage.LogEntry{}
	for start := int64(0); ; start += logPage {
		lines, err := s.c.LRange(ctx, key, start, start+logPage-1).Result()
		if err != nil {
			return nil, fmt.Errorf("redisstore: log: %w", err)
		}
		var full bool
		if out, full, err = appendMatching(out, lines, f); err != nil || full {
			return out, err
		}
		if len(lines) < logPage {
			return out, nil
		}
	}
}

// parseLogLine reads "SEQ JSON".
func parseLogLine(line []byte) (storage.LogEntry, error) {
	var e storage.LogEntry
	seq, js, ok := bytes.Cut(line, []byte{' '})
	if !ok {
		return e, fmt.Errorf("malformed entry %q", line)
	}
	if err := json.Unmarshal(js, &e); err != nil {
		return e, err
	}
	n, err := strconv.ParseInt(string(seq), 10, 64)
	if err != nil {
		return e, fmt.Errorf("malformed seq %q", seq)
	}
	e.Seq = n
	return e, nil
}

// appendMatching appends to out the entries of lines that match f, and
// reports whether f's limit is reached.
func appendMatching(out []storage.LogEntry, lines []string, f storage.LogFilter) ([]storage.LogEntry, bool, error) {
	for _, line := range lines {
		e, err := parseLogLine([]byte(line))
		if err != nil {
			return nil, false, fmt.Errorf("redisstore: log: %w", err)
		}
		if !f.Match(&e) {
			continue
		}
		out = append(out, e)
		if f.Limit > 0 && len(out) == f.Limit {
			return out, true, nil
		}
	}
	return out, false, nil
}
