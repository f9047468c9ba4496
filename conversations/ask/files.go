package ask

import (
	"context"
	"strconv"
	"strings"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
)

// fileAnswer keeps the files of the event for a file field. It returns the
// number of files once the field is complete; "" while more may follow.
func (q *Questions) fileAnswer(ctx context.Context, env *Env, f *workflow.Field, text, button string) (string, string, error) {
	if len(env.Files) == 0 {
		if n := q.filesFor(f.ID); n > 0 && (button == "done" || isDone(text)) {
			return strconv.Itoa(n), "", nil
		}
		return "", env.tr("form.file.expected"), nil
	}
	msg, err := q.keepFiles(ctx, env, f, "form.files.got")
	if err != nil || msg != "" || f.Multi {
		return "", msg, err
	}
	return strconv.Itoa(q.filesFor(f.ID)), "", nil
}

// textOrFiles takes a text, or files until «Listo», for a text field that
// takes files (a result typed or sent as a document). A typed text ends
// the answer and keeps the files already sent; «Listo» ends it with the
// files and no text.
func (q *Questions) textOrFiles(ctx context.Context, env *Env, f *workflow.Field, text, button string) (string, string, error) {
	switch {
	case len(env.Files) > 0:
		msg, err := q.keepFiles(ctx, env, f, "in.textfiles.got")
		return "", msg, err
	case button == "done" || isDone(text):
		if q.filesFor(f.ID) == 0 {
			return "", env.tr("in.textfiles.expected"), nil
		}
		return "", "", nil
	}
	v, msg, err := ValidText(env, f, text)
	if msg != "" {
		return "", msg, err
	}
	return v, "", nil
}

// keepFiles stores the files of the event as answers to a field; for a
// field that takes several, it acknowledges them (got) with «Listo».
func (q *Questions) keepFiles(ctx context.Context, env *Env, f *workflow.Field, got string) (string, error) {
	if msg := tooBig(env, env.Files); msg != "" {
		return msg, nil
	}
	kept, err := env.keep(ctx, f.ID, env.Files)
	if err != nil {
		return "", err
	}
	q.State.Files = append(q.State.Files, kept...)
	if q.State.Ans == nil {
		q.State.Ans = workflow.Answers{}
	}
	for _, g := range kept {
		q.State.Ans.AddFile(f.ID, g.Name, g.Photo)
	}
	env.Changed()
	if f.Multi || f.Files {
		names := make([]string, len(kept))
		for i, g := range kept {
			names[i] = g.Name
		}
		env.Reply(env.tr(got, strings.Join(names, ", ")), []chat.Button{{Label: env.tr("form.files.done"), Code: q.Code("done")}})
	}
	return "", nil
}

// tooBig says which file the platform could not hand over whole, if any.
func tooBig(env *Env, files []chat.IncomingFile) string {
	for _, in := range files {
		if in.TooBig || len(in.Data) == 0 {
			return env.tr("file.toobig", in.Name)
		}
	}
	return ""
}
