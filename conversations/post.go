package conversations

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ctdesk/storage"
)

// Post queues messages outside any dialog (reminders, digests, alerts),
// once per id: posting the same id again changes nothing and reports
// false. Messages get ids "<id>#<n>".
func (e *Engine) Post(ctx context.Context, id string, msgs ...Message) (bool, error) {
	now := e.cfg.Now()
	c := storage.Change{Seen: "post:" + id, SeenTTL: 400 * 24 * time.Hour}
	for i, m := range msgs {
		m.ID = id + "#" + strconv.Itoa(i)
		payload, err := e.encode(ctx, m)
		if err != nil {
			return false, err
		}
		c.Outbox = append(c.Outbox, storage.OutboxItem{ID: m.ID, Recipient: m.To, Payload: payload, Created: now})
	}
	_, err := e.st.Commit(ctx, c)
	if errors.Is(err, storage.ErrDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("conversations: post %s: %w", id, err)
	}
	return true, nil
}

// People lists the active people with any of the roles, from the directory.
func (e *Engine) People(ctx context.Context, roles ...storage.Role) ([]storage.Person, error) {
	dir, err := e.dir.get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return nil, err
	}
	return dir.withRole(roles...), nil
}

// Language is the language a person reads.
func (e *Engine) Language(p storage.Person) string {
	if _, ok := catalogs[p.Language]; ok {
		return p.Language
	}
	return e.cfg.Language
}

// TellRole posts a catalog text to everyone with the role, each in their
// language, once per id.
func (e *Engine) TellRole(ctx context.Context, id string, role storage.Role, key string, args ...any) error {
	people, err := e.People(ctx, role)
	if err != nil {
		return err
	}
	var msgs []Message
	for _, p := range people {
		msgs = append(msgs, Message{To: p.ID, Text: translate(e.Language(p), key, args...)})
	}
	_, err = e.Post(ctx, id, msgs...)
	return err
}

// PersonByAccount finds the person linked to a platform account in the
// cached directory (refreshed in the background); ErrNotFound when none.
func (e *Engine) PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error) {
	dir, err := e.dir.get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return storage.Person{}, err
	}
	p, ok := dir.byAcct(platform, account)
	if !ok {
		return storage.Person{}, fmt.Errorf("conversations: account %s:%s: %w", platform, account, storage.ErrNotFound)
	}
	return p, nil
}

// PutPerson saves a person in the store and in the cached directory.
func (e *Engine) PutPerson(ctx context.Context, p storage.Person) error {
	if err := e.st.PutPerson(ctx, p); err != nil {
		return err
	}
	e.dir.put(p)
	return nil
}

// Person returns the person with the id from the cached directory;
// ErrNotFound when none.
func (e *Engine) Person(ctx context.Context, id string) (storage.Person, error) {
	dir, err := e.dir.get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return storage.Person{}, err
	}
	p, ok := dir.person(id)
	if !ok {
		return storage.Person{}, fmt.Errorf("conversations: person %s: %w", id, storage.ErrNotFound)
	}
	return p, nil
}
