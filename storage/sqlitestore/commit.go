package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"ctdesk/storage"
)

// Commit writes the whole change in one immediate transaction, or nothing.
func (s *Store) Commit(ctx context.Context, c storage.Change) (storage.Committed, error) {
	if err := validate(&c); err != nil {
		return storage.Committed{}, fmt.Errorf("sqlitestore: commit: %w", err)
	}
	if c.Empty() {
		return storage.Committed{}, nil
	}
	var folio string
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if c.Seen != "" {
			ok, err := s.markSeen(ctx, tx, c.Seen, c.SeenTTL, now)
			if err != nil {
				return err
			}
			if !ok {
				return fmt.Errorf("seen %q: %w", c.Seen, storage.ErrDuplicate)
			}
		}
		if c.Mark.Stream != "" {
			if err := s.mark(ctx, tx, c.Mark, now); err != nil {
				return err
			}
		}
		for i, w := range c.Tickets {
			if w.Ticket.Folio != "" {
				continue
			}
			f, err := s.nextFolio(ctx, tx, w.Ticket.Created.Year())
			if err != nil {
				return err
			}
			folio = f
			c = withFolio(c, f)
			c.Tickets = append([]storage.TicketWrite(nil), c.Tickets...)
			c.Tickets[i].Ticket.Folio = f
		}
		for _, w := range c.Tickets {
			if err := s.putTicket(ctx, tx, w); err != nil {
				return err
			}
		}
		for _, w := range c.Dialogs {
			if err := s.putDialog(ctx, tx, w, now); err != nil {
				return err
			}
		}
		for _, p := range c.People {
			if err := s.putPerson(ctx, tx, p); err != nil {
				return err
			}
		}
		if err := s.appendLog(ctx, tx, c.Log); err != nil {
			return err
		}
		return s.enqueue(ctx, tx, c.Outbox)
	})
	if err != nil {
		return storage.Committed{}, fmt.Errorf("sqlitestore: commit: %w", err)
	}
	if s.commits.Add(1)%cleanupEvery == 0 {
		s.cleanup(ctx)
	}
	return storage.Committed{Folio: folio}, nil
}

// validate rejects a change the store cannot apply whatever it holds.
func validate(c *storage.Change) error {
	news := 0
	for _, w := range c.Tickets {
		switch {
		case w.Expect < 0:
			return fmt.Errorf("ticket %s: negative Expect: %w", w.Ticket.Folio, storage.ErrInvalid)
		case w.Ticket.Folio != "":
			continue
		case w.Expect != 0:
			return fmt.Errorf("new ticket with Expect %d: %w", w.Expect, storage.ErrInvalid)
		case w.Ticket.Created.IsZero():
			return fmt.Errorf("new ticket without Created: %w", storage.ErrInvalid)
		}
		news++
	}
	if news > 1 {
		return fmt.Errorf("%d new tickets in one change: %w", news, storage.ErrInvalid)
	}
	for _, w := range c.Dialogs {
		if w.Dialog.Person == "" || w.Expect < 0 {
			return fmt.Errorf("dialog %q with Expect %d: %w", w.Dialog.Person, w.Expect, storage.ErrInvalid)
		}
	}
	for _, p := range c.People {
		if p.ID == "" {
			return fmt.Errorf("person without id: %w", storage.ErrInvalid)
		}
	}
	for _, o := range c.Outbox {
		if o.ID == "" {
			return fmt.Errorf("outbox item without id: %w", storage.ErrInvalid)
		}
	}
	return nil
}
