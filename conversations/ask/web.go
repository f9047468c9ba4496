package ask

import (
	"context"
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
)

// Check reads answers given all at once, as a web form gives them, by the
// rules the chat reads them one by one: each field's text (a date as
// yyyy-mm-dd, a choice by its id) and its files. It stops at the first
// answer that is not valid, with what is wrong and the field's id; the
// answers read are in q.State.
func (q *Questions) Check(ctx context.Context, env *Env, answers map[string]string, files map[string][]chat.IncomingFile) (problem, field string, err error) {
	if q.State.Ans == nil {
		q.State.Ans = workflow.Answers{}
	}
	for q.Advance(); q.Current() != nil; q.Advance() {
		f := q.Current()
		value, problem, err := q.checkOne(ctx, env, f, strings.TrimSpace(answers[f.ID]), files[f.ID])
		if err != nil || problem != "" {
			return problem, f.ID, err
		}
		q.State.Ans[f.ID] = value
	}
	return "", "", nil
}

// checkOne checks one answer: its text and its files.
func (q *Questions) checkOne(ctx context.Context, env *Env, f *workflow.Field, text string, files []chat.IncomingFile) (string, string, error) {
	if len(files) > 0 && f.TakesFiles() {
		if msg := tooBig(env, files); msg != "" {
			return "", msg, nil
		}
		kept, err := env.keep(ctx, f.ID, files)
		if err != nil {
			return "", "", err
		}
		q.State.Files = append(q.State.Files, kept...)
		if f.Kind == workflow.KindFile {
			return strconv.Itoa(len(kept)), "", nil
		}
		if text == "" {
			return "", "", nil
		}
	}
	switch {
	case text == "" && f.Optional:
		return "", "", nil
	case text == "" && f.Kind == workflow.KindFile:
		return "", env.tr("form.file.expected"), nil
	case text == "" && f.Files:
		return "", env.tr("in.textfiles.expected"), nil
	case text == "":
		return "", env.tr("form.required"), nil
	}
	switch f.Kind {
	case workflow.KindDate:
		if _, err := time.Parse(DateKey, text); err != nil {
			return "", env.tr("form.date.invalid"), nil
		}
		d, msg := validDate(env, f, "", "d:"+text)
		if msg != "" {
			return "", msg, nil
		}
		return d.Format(DateKey), "", nil
	case workflow.KindChoice:
		opts := q.Options(env, f)
		for _, o := range opts {
			if o.ID == text {
				return o.ID, "", nil
			}
		}
		if o, ok := Match(opts, text, ""); ok {
			return o.ID, "", nil
		}
		return "", env.tr("form.choice.invalid"), nil
	case workflow.KindYesNo:
		return q.validate(ctx, env, f, "", map[string]string{"si": "y", "no": "n"}[text])
	case workflow.KindFile:
		return "", env.tr("form.file.expected"), nil
	}
	if f.Files {
		return ValidText(env, f, text)
	}
	return q.validate(ctx, env, f, text, "")
}

// Input describes one question for a web form.
type Input struct {
	ID string
	// Kind is text, date, choice, yesno, url, files or textfiles (a text,
	// or files instead).
	Kind     string
	Question string
	Optional bool
	Max      int
	Options  []Option
	// Multi: several files may be given.
	Multi bool
}

// Inputs describes every question for a web form, each worded by question.
func (q *Questions) Inputs(env *Env, question func(*workflow.Field) string) []Input {
	var out []Input
	for i := range q.Fields {
		f := &q.Fields[i]
		in := Input{ID: f.ID, Question: question(f), Optional: f.Optional, Max: f.Max, Multi: f.Multi}
		if in.Max == 0 && (f.Kind == workflow.KindText || f.Kind == workflow.KindURL || f.Kind == workflow.KindName) {
			in.Max = MaxText
		}
		switch {
		case f.Files:
			in.Kind = "textfiles"
		case f.Kind == workflow.KindChoice:
			in.Kind, in.Options = "choice", q.Options(env, f)
		default:
			in.Kind = map[workflow.FieldKind]string{workflow.KindDate: "date", workflow.KindYesNo: "yesno",
				workflow.KindURL: "url", workflow.KindFile: "files"}[f.Kind]
		}
		if in.Kind == "" {
			in.Kind = "text"
		}
		out = append(out, in)
	}
	return out
}
