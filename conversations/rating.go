package conversations

import (
	"context"
	"strconv"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// rateComment is the optional comment asked after a rating.
type rateComment struct {
	Folio string    `json:"f"`
	In    ask.State `json:"i"`
}

// commentField is the rating's comment: short, optional.
var commentField = []workflow.Field{{ID: "comentario", Kind: workflow.KindText, Optional: true, Max: 500}}

// rate records the requester's 1–5 evaluation of a closed ticket, then
// asks for an optional comment when nothing else is in progress.
func (t *turn) rate(ctx context.Context, folio string, score int) error {
	tk, ok, err := t.pressedTicket(ctx, folio)
	if !ok {
		return err
	}
	switch {
	case !policy.MayRate(tk, t.who):
		t.notice = t.tr("button.forbidden", tk.Folio)
		return t.refuse(ctx, tk.Folio, "calificar", "calificar")
	case tk.Status != storage.StatusClosed:
		t.notice = t.tr("button.stale")
		return nil
	case tk.Rating != nil:
		t.notice = t.tr("rate.already", tk.Rating.Score)
		t.editPressed(t.ev.Pressed, t.tr("rate.done", tk.Folio, tk.Rating.Score))
		return nil
	case score < 1 || score > 5:
		t.notice = t.tr("button.stale")
		return nil
	}
	tk.Rating = &storage.Rating{Score: score, By: t.who.ID, At: t.now}
	t.touch(tk)
	t.record(tk.Folio, "calificacion", strconv.Itoa(score)+" de 5")
	t.editPressed(t.ev.Pressed, t.tr("rate.done", tk.Folio, score))
	t.notice = t.tr("rate.thanks")
	if t.st.idle() {
		t.setState(dialogState{Rate: &rateComment{Folio: tk.Folio}})
		t.ask(t.commentQuestions())
	}
	return nil
}

// commentQuestions is the rating's one optional question, answered by
// typing or with «Omitir» ("r:<folio>:skip").
func (t *turn) commentQuestions() *ask.Questions {
	folio := t.st.Rate.Folio
	q := &ask.Questions{
		State: &t.st.Rate.In, Fields: commentField,
		Code:   func(v string) string { return chat.Code(chat.KindRate, folio, v) },
		Prompt: func(*workflow.Field) string { return t.tr("rate.comment.ask", folio) },
	}
	if q.Current() == nil {
		q.Advance()
	}
	return q
}

// rateFirst gives the rating's comment step what the person says: a text
// answers it, «Omitir» or /cancelar skip it, and anything else (another
// command or button) leaves it unanswered and goes on. It reports whether
// it handled the event.
func (t *turn) rateFirst(ctx context.Context, text string) (bool, error) {
	if t.st.Rate == nil {
		return false, nil
	}
	if t.ev.Button != "" {
		kind, args, _ := chat.ParseCode(t.ev.Button)
		if kind == chat.KindRate && args[0] == t.st.Rate.Folio && args[1] == "skip" {
			return true, t.commentInput(ctx, "", "skip")
		}
	} else if cmd, _, isCmd := command(text); !isCmd {
		return true, t.commentInput(ctx, text, "")
	} else if cmd == "cancelar" || cmd == "cancel" {
		return true, t.commentInput(ctx, "", "skip")
	}
	t.st.Rate = nil
	t.dirty = true
	return false, nil
}

// commentInput takes the comment, typed or skipped, and keeps it with the
// rating it follows.
func (t *turn) commentInput(ctx context.Context, text, button string) error {
	q := t.commentQuestions()
	done, err := t.answer(ctx, q, text, button)
	if err != nil || !done {
		return err
	}
	folio, comment := t.st.Rate.Folio, q.State.Ans["comentario"]
	t.st.Rate = nil
	t.dirty = true
	tk, err := t.ticket(ctx, folio)
	if err != nil && !notFound(err) {
		return err
	}
	if comment == "" || err != nil || tk.Rating == nil || tk.Rating.By != t.who.ID || tk.Rating.Comment != "" {
		t.done(t.tr("rate.comment.none", folio))
		return nil
	}
	tk.Rating.Comment = comment
	t.touch(tk)
	t.record(folio, "calificacion_comentario", comment)
	t.reply(t.tr("rate.comment.thanks", folio))
	return nil
}

// done says an optional step ended: on the pressed message, or in reply.
func (t *turn) done(text string) {
	if t.ev.Pressed != "" {
		t.editPressed(t.ev.Pressed, text)
		return
	}
	t.reply(text)
}
