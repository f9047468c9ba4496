package ask

import (
	"context"
	"fmt"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Env is what asking needs of the conversation it runs in.
type Env struct {
	// Lang is the reader's language; Language the institution's, in
	// which the notes of the history and the bitácora are written.
	Lang, Language string
	Now            time.Time
	Location       *time.Location
	// Calendar offers the business days a date question proposes.
	Calendar *calendar.Calendar
	// MailDomain is the institution's e-mail domain ("" for any).
	MailDomain string
	// Files are the files the person sent with this answer.
	Files []chat.IncomingFile
	// Areas and Assignable are what an area choice and a técnico choice
	// offer.
	Areas      func() []storage.Area
	Assignable func() []storage.Person
	// Reply sends the person a message.
	Reply func(text string, buttons ...[]chat.Button)
	// Changed is told that the State changed and must be kept.
	Changed func()
	// Store keeps the files given.
	Store storage.Files
}

func (e *Env) tr(key string, args ...any) string { return texts.Text(e.Lang, key, args...) }

// keep stores files given to a field.
func (e *Env) keep(ctx context.Context, field string, files []chat.IncomingFile) ([]File, error) {
	var out []File
	for _, f := range files {
		name := f.Name
		if name == "" {
			name = "foto.jpg"
		}
		id, err := e.Store.PutFile(ctx, storage.File{Name: name, MIME: f.MIME, Size: int64(len(f.Data)), Data: f.Data, Created: e.Now})
		if err != nil {
			return nil, fmt.Errorf("conversations: keep file %q: %w", name, err)
		}
		out = append(out, File{Field: field, ID: id, Name: name, MIME: f.MIME, Size: int64(len(f.Data)), Photo: f.Photo})
	}
	return out, nil
}
