package conversations

import (
	"context"
	"strconv"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// rate records the requester's 1–5 evaluation of a closed ticket.
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
	t.record(tk.Folio, "calificacion", strconv.Itoa(score))
	t.editPressed(t.ev.Pressed, t.tr("rate.done", tk.Folio, score))
	t.notice = t.tr("rate.thanks")
	return nil
}
