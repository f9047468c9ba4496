package conversations

import (
	"context"
	"strconv"
	"strings"

	"ctdesk/storage"
)

// option is one answer an action's input offers as a button.
type option struct {
	id    string // kept in the ticket
	label string // shown on the button, in the reader's language
	note  string // written in the history and the bitácora
}

// pendingChoices lists the options of an InputChoice or InputPick action.
func (t *turn) pendingChoices(tk *storage.Ticket, a *Action) []option {
	var out []option
	switch a.Input {
	case InputChoice:
		for _, c := range a.Choices {
			key := tk.Service + "." + a.Field + "." + c
			out = append(out, option{id: c, label: t.tr(key), note: translate(t.e.cfg.Language, key)})
		}
	case InputPick:
		for i, f := range lastFiles(tk, a.PickFrom) {
			out = append(out, option{id: f.Name, label: strconv.Itoa(i+1) + ". " + f.Name, note: f.Name})
		}
	}
	return out
}

// pendingChoice reads the option pressed ("k:<n>") or typed (its number,
// label or id).
func (t *turn) pendingChoice(tk *storage.Ticket, a *Action, text, button string) (option, bool) {
	opts := t.pendingChoices(tk, a)
	if k, ok := strings.CutPrefix(button, "k:"); ok {
		if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(opts) {
			return opts[i], true
		}
		return option{}, false
	}
	if i, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && i >= 1 && i <= len(opts) {
		return opts[i-1], true
	}
	n := fold(text)
	for _, o := range opts {
		if n != "" && (n == fold(o.label) || n == fold(o.id)) {
			return o, true
		}
	}
	return option{}, false
}

// lastFiles returns the files the action sent the last time it applied.
func lastFiles(tk *storage.Ticket, action string) []storage.Attachment {
	var out []storage.Attachment
	for _, f := range tk.Attachments {
		if f.Step != action {
			continue
		}
		if len(out) > 0 && f.At.After(out[0].At) {
			out = out[:0]
		}
		out = append(out, f)
	}
	return out
}

// pendingTextFiles takes a text, or files until "Listo", for an action
// that accepts either (a result typed or sent as a document). A typed text
// ends the input and keeps any files already sent.
func (t *turn) pendingTextFiles(ctx context.Context, ac *ActionCtx, a *Action, text, button string) (done bool, msg string, err error) {
	p := t.st.Pend
	switch {
	case len(t.ev.Files) > 0:
		_, msg, err := t.pendingFiles(ctx, "", "", "in.textfiles.got")
		return false, msg, err
	case button == "done" || isDone(text):
		if len(p.Files) == 0 {
			return false, t.tr("in.textfiles.expected"), nil
		}
	default:
		v, msg, _ := t.validText(&Field{Max: 2000}, text)
		if msg != "" {
			return false, msg, nil
		}
		ac.Text = v
	}
	ac.Files = t.pendingAttachments(a)
	return true, "", nil
}

// pendingAttachments turns the files given to the pending action into the
// ticket's attachments.
func (t *turn) pendingAttachments(a *Action) []storage.Attachment {
	var out []storage.Attachment
	for _, f := range t.st.Pend.Files {
		out = append(out, storage.Attachment{FileID: f.ID, Name: f.Name, MIME: f.MIME, Size: f.Size, Photo: f.Photo, Step: a.ID, By: t.who.ID, At: t.now})
	}
	return out
}
