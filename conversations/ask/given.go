package ask

import (
	"time"

	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// Given is what an action's questions were answered with (nothing for an
// action that asks nothing).
type Given struct {
	Text, Note string
	Date       time.Time
	Files      []storage.Attachment
	Assignee   string      // who the answer assigns the ticket to
	Keep       [][2]string // answers kept in the ticket's fields, by field id
}

// Given turns the answers to an action's questions into what the action
// applies: a date, a text (or a choice's id, with its note), the person to
// assign, the files given (as attachments of the step, by the person), the
// answers it keeps.
func (q *Questions) Given(env *Env, step, by string) Given {
	var in Given
	for i := range q.Fields {
		f := &q.Fields[i]
		v := q.State.Ans[f.ID]
		if v == "" {
			continue
		}
		switch f.Kind {
		case workflow.KindDate:
			in.Date, _ = time.ParseInLocation(DateKey, v, env.Location)
		case workflow.KindFile:
		case workflow.KindChoice:
			if f.Multi {
				break
			}
			for _, o := range q.Options(env, f) {
				if o.ID == v {
					in.Text, in.Note = o.ID, o.Note
				}
			}
			if f.StaffChoice {
				in.Assignee = v
			}
		default:
			if f.CaptionsOf == "" {
				in.Text = v
			}
		}
		if f.Keep {
			in.Keep = append(in.Keep, [2]string{f.ID, v})
		}
	}
	marks := reportMarks(q.Fields, q.State.Ans)
	for _, f := range q.State.Files {
		caption, mark := marks[f.Name]
		in.Files = append(in.Files, storage.Attachment{FileID: f.ID, Name: f.Name, MIME: f.MIME, Size: f.Size, Photo: f.Photo,
			Step: step, By: by, At: env.Now, ForReport: mark, Caption: caption})
	}
	return in
}
