package conversations

import (
	"context"

	"ctdesk/conversations/ask"
	"ctdesk/storage"
)

// asker is what package ask needs of this turn: the reader's language,
// the clock, the files sent, where to reply.
func (t *turn) asker() *ask.Env {
	return &ask.Env{
		Lang: t.lang, Language: t.e.cfg.Language, Now: t.now, Location: t.e.cfg.Location,
		Calendar: t.e.cfg.Calendar, MailDomain: t.e.cfg.MailDomain, Files: t.ev.Files,
		Areas:      t.dir.Areas,
		Assignable: func() []storage.Person { return t.policy().Assignable() },
		Reply:      t.reply,
		Changed:    func() { t.dirty = true },
		Store:      t.e.st,
	}
}

// ask asks q's current question.
func (t *turn) ask(q *ask.Questions) { q.Ask(t.asker()) }

// answer takes the answer to q's current question (see ask.Questions.Answer).
func (t *turn) answer(ctx context.Context, q *ask.Questions, text, button string) (bool, error) {
	return q.Answer(ctx, t.asker(), text, button)
}
