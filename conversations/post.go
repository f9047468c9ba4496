package conversations

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

// Post queues messages outside any dialog (reminders, digests, alerts),
// once per id: posting the same id again changes nothing and reports
// false. Messages get ids "<id>#<n>".
func (e *Engine) Post(ctx context.Context, id string, msgs ...Message) (bool, error) {
	now := e.cfg.Now()
	items, err := e.outbox(ctx, id, msgs, now)
	if err != nil {
		return false, err
	}
	_, err = e.st.Commit(ctx, storage.Change{Seen: "post:" + id, SeenTTL: 400 * 24 * time.Hour, Outbox: items})
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
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return nil, err
	}
	return dir.WithRole(roles...), nil
}

// Language is the language a person reads.
func (e *Engine) Language(p storage.Person) string {
	if texts.Known(p.Language) {
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
		msgs = append(msgs, Message{To: p.ID, Text: texts.Text(e.Language(p), key, args...)})
	}
	_, err = e.Post(ctx, id, msgs...)
	return err
}

// PersonByAccount finds the person linked to a platform account in the
// cached directory (refreshed in the background); ErrNotFound when none.
func (e *Engine) PersonByAccount(ctx context.Context, platform, account string) (storage.Person, error) {
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return storage.Person{}, err
	}
	p, ok := dir.ByAccount(platform, account)
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
	e.dir.Put(p)
	return nil
}

// Person returns the person with the id from the cached directory;
// ErrNotFound when none.
func (e *Engine) Person(ctx context.Context, id string) (storage.Person, error) {
	dir, err := e.dir.Get(ctx, e.st, e.cfg.Now(), e.cfg.DirectoryTTL)
	if err != nil {
		return storage.Person{}, err
	}
	p, ok := dir.Person(id)
	if !ok {
		return storage.Person{}, fmt.Errorf("conversations: person %s: %w", id, storage.ErrNotFound)
	}
	return p, nil
}

// Languages lists the languages ctdesk speaks (those with a catalog).
func Languages() []string { return texts.Languages() }

// Text returns a catalog text, for adapters and jobs that speak outside a dialog.
func Text(lang, key string, args ...any) string { return texts.Text(lang, key, args...) }

// Plural returns the form of a catalog text that the number n takes in a
// language (see texts.Plural).
func Plural(lang, key string, n int, args ...any) string { return texts.Plural(lang, key, n, args...) }
