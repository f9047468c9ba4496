package redisstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"ctdesk/storage"
)

// Commit applies c in one EVALSHA of lua/commit.lua. ARGV layout:
//
//	1 prefix, 2 seen key, 3 seen ttl ms, 4 new ticket's year, 5 folio token,
//	6..10 counts of dialogs, tickets, people, log entries, outbox items,
//	11..14 mark stream ("" none), mark number, mark's end and now (Unix ms), then
//	per dialog:  person, expect, ttl ms, delete (0/1), updated, data
//	per ticket:  folio ("" new), expect, json, status, requester, assignee, service, area, created µs,
//	             updated µs, due µs (noDue without one), search words (a new ticket's without its folio)
//	per person:  id, json, "platform:account" lines
//	per entry:   folio, json (Seq 0), at µs
//	per item:    id, metadata json, payload, not before, visible at µs
func (s *Store) Commit(ctx context.Context, c storage.Change) (storage.Committed, error) {
	if c.Empty() {
		return storage.Committed{}, nil
	}
	args, err := s.commitArgs(&c)
	if err != nil {
		return storage.Committed{}, fmt.Errorf("redisstore: commit: %w", err)
	}
	return s.runCommit(ctx, args)
}

func (s *Store) runCommit(ctx context.Context, args []any) (storage.Committed, error) {
	res, acked, err := s.evalWaited(ctx, commitScript, args)
	if err != nil {
		return storage.Committed{}, fmt.Errorf("redisstore: commit: %w", err)
	}
	if len(res) != 2 {
		return storage.Committed{}, fmt.Errorf("redisstore: commit: unexpected reply %q", res)
	}
	switch res[0] {
	case "ok":
		if err := s.checkReplicas(acked); err != nil {
			return storage.Committed{}, err
		}
		return storage.Committed{Folio: res[1]}, nil
	case "dup":
		return storage.Committed{}, fmt.Errorf("redisstore: commit: update %s: %w", res[1], storage.ErrDuplicate)
	case "conflict":
		return storage.Committed{}, fmt.Errorf("redisstore: commit: %s: %w", res[1], storage.ErrConflict)
	}
	return storage.Committed{}, fmt.Errorf("redisstore: commit: unexpected reply %q", res)
}

func (s *Store) commitArgs(c *storage.Change) ([]any, error) {
	n := 14 + 6*len(c.Dialogs) + 12*len(c.Tickets) + 3*len(c.People) + 3*len(c.Log) + 5*len(c.Outbox)
	args := make([]any, 14, n)
	args[0] = s.p
	args[1], args[2] = "", "0"
	if c.Seen != "" {
		ttl := c.SeenTTL
		if ttl <= 0 {
			ttl = s.seenTTL
		}
		args[1], args[2] = c.Seen, ms(ttl)
	}
	tok := folioToken(c)
	args[3], args[4] = "", tok
	args[5], args[6] = strconv.Itoa(len(c.Dialogs)), strconv.Itoa(len(c.Tickets))
	args[7], args[8], args[9] = strconv.Itoa(len(c.People)), strconv.Itoa(len(c.Log)), strconv.Itoa(len(c.Outbox))
	args[10], args[11], args[12], args[13] = "", "0", "0", "0"
	if m := c.Mark; m.Stream != "" {
		ttl := m.TTL
		if ttl <= 0 {
			ttl = s.seenTTL
		}
		now := time.Now()
		args[10], args[11] = m.Stream, strconv.FormatInt(m.N, 10)
		args[12], args[13] = strconv.FormatInt(now.Add(ttl).UnixMilli(), 10), strconv.FormatInt(now.UnixMilli(), 10)
	}

	var err error
	if args, err = s.dialogArgs(args, c.Dialogs); err != nil {
		return nil, err
	}
	var year string
	if args, year, err = ticketArgs(args, c.Tickets, tok); err != nil {
		return nil, err
	}
	args[3] = year
	if args, err = peopleArgs(args, c.People); err != nil {
		return nil, err
	}
	if args, err = logArgs(args, c.Log); err != nil {
		return nil, err
	}
	return outboxArgs(args, c.Outbox)
}

func (s *Store) dialogArgs(args []any, ds []storage.DialogWrite) ([]any, error) {
	for i, d := range ds {
		if d.Dialog.Person == "" {
			return nil, fmt.Errorf("dialog without person: %w", storage.ErrInvalid)
		}
		if d.Expect < 0 {
			return nil, fmt.Errorf("dialog %s: negative Expect: %w", d.Dialog.Person, storage.ErrInvalid)
		}
		for _, o := range ds[:i] {
			if o.Dialog.Person == d.Dialog.Person {
				return nil, fmt.Errorf("dialog %s written twice: %w", d.Dialog.Person, storage.ErrInvalid)
			}
		}
		ttl := d.TTL
		if ttl <= 0 {
			ttl = s.dialogTTL
		}
		del := "0"
		if d.Delete {
			del = "1"
		}
		data := d.Dialog.Data
		if data == nil {
			data = []byte{}
		}
		args = append(args, d.Dialog.Person, strconv.FormatInt(d.Expect, 10), ms(ttl), del,
			formatTime(d.Dialog.Updated), data)
	}
	return args, nil
}

// folioToken is the change's token, which also sets a new ticket's own
// folio; a change that creates a ticket without one gets a private token,
// which rewrites nothing else.
func folioToken(c *storage.Change) string {
	if c.FolioToken != "" {
		return c.FolioToken
	}
	for _, w := range c.Tickets {
		if w.Ticket.Folio == "" {
			return storage.NewFolioToken()
		}
	}
	return ""
}

func ticketArgs(args []any, ts []storage.TicketWrite, tok string) ([]any, string, error) {
	year := ""
	for i, w := range ts {
		t := w.Ticket
		if w.Expect < 0 {
			return nil, "", fmt.Errorf("ticket %s: negative Expect: %w", t.Folio, storage.ErrInvalid)
		}
		if t.Folio == "" {
			switch {
			case year != "":
				return nil, "", fmt.Errorf("two new tickets: %w", storage.ErrInvalid)
			case w.Expect != 0:
				return nil, "", fmt.Errorf("new ticket with Expect %d: %w", w.Expect, storage.ErrInvalid)
			case t.Created.IsZero():
				return nil, "", fmt.Errorf("new ticket without Created: %w", storage.ErrInvalid)
			}
			year = fmt.Sprintf("%04d", t.Created.Year())
			t.Folio = tok
		} else {
			for _, o := range ts[:i] {
				if o.Ticket.Folio == t.Folio {
					return nil, "", fmt.Errorf("ticket %s written twice: %w", t.Folio, storage.ErrInvalid)
				}
			}
		}
		t.Version = w.Expect + 1
		js, err := json.Marshal(&t)
		if err != nil {
			return nil, "", fmt.Errorf("ticket %s: %w", t.Folio, err)
		}
		folio := w.Ticket.Folio
		l := listingOf(&w.Ticket)
		args = append(args, folio, strconv.FormatInt(w.Expect, 10), js,
			t.Status, t.Requester, t.Assignee, t.Service, t.Area, micros(t.Created), l.updated, l.due, l.words)
	}
	return args, year, nil
}

func peopleArgs(args []any, ps []storage.Person) ([]any, error) {
	for _, p := range ps {
		if p.ID == "" {
			return nil, fmt.Errorf("person without id: %w", storage.ErrInvalid)
		}
		js, err := json.Marshal(&p)
		if err != nil {
			return nil, fmt.Errorf("person %s: %w", p.ID, err)
		}
		for platform, account := range p.Accounts {
			if strings.ContainsRune(platform+account, '\n') {
				return nil, fmt.Errorf("person %s: newline in account: %w", p.ID, storage.ErrInvalid)
			}
		}
		args = append(args, p.ID, js, accountLines(&p))
	}
	return args, nil
}

// accountLines lists a person's accounts as "platform:account" lines,
// as the pacc hash keeps them.
func accountLines(p *storage.Person) string {
	var accts strings.Builder
	for platform, account := range p.Accounts {
		if account != "" {
			accts.WriteString(accountKey(platform, account))
			accts.WriteByte('\n')
		}
	}
	return accts.String()
}

func logArgs(args []any, es []storage.LogEntry) ([]any, error) {
	for _, e := range es {
		e.Seq = 0
		js, err := json.Marshal(&e)
		if err != nil {
			return nil, fmt.Errorf("log entry: %w", err)
		}
		args = append(args, e.Folio, js, micros(e.At))
	}
	return args, nil
}

func outboxArgs(args []any, items []storage.OutboxItem) ([]any, error) {
	for _, it := range items {
		if it.ID == "" {
			return nil, fmt.Errorf("outbox item without id: %w", storage.ErrInvalid)
		}
		meta, err := json.Marshal(outboxMeta{ID: it.ID, Recipient: it.Recipient, Created: it.Created})
		if err != nil {
			return nil, fmt.Errorf("outbox item %s: %w", it.ID, err)
		}
		vis := "-inf"
		if !it.NotBefore.IsZero() {
			vis = micros(it.NotBefore)
		}
		payload := it.Payload
		if payload == nil {
			payload = []byte{}
		}
		args = append(args, it.ID, meta, payload, formatTime(it.NotBefore), vis)
	}
	return args, nil
}
