package conversations

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"ctdesk/conversations/ask"
	"ctdesk/conversations/chat"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// ActRequest is a ticket action taken in the web panel with its answers
// given at once: what a press of the action's button and the answers to
// its questions do in chat.
type ActRequest struct {
	// ID identifies the form sent: sent again, it is applied once.
	ID            string
	Person        string
	Folio, Action string
	// Step is the ticket's history step the form was shown at.
	Step    int
	Answers map[string]string
	Files   map[string][]IncomingFile
}

// ActResult says how an action (or a comment) from the panel went.
type ActResult struct {
	// Problem, when set, says to the person what was wrong (in their
	// language) and nothing was done; Field names the answer at fault.
	Problem, Field string
	// Duplicate: the same form had been applied before.
	Duplicate bool
	// Messages are the chat messages the action sent.
	Messages []Message
}

// Act carries out a ticket action from the web panel through the same
// steps as a press in chat: the policy decides who may (a refusal is
// written to the bitácora), the ticket must still be at the step the form
// was shown at, every answer is checked as the chat checks it, and the
// action changes the ticket, writes the bitácora and tells everyone
// concerned in chat. The person who acted is told in chat too.
func (e *Engine) Act(ctx context.Context, req ActRequest) (ActResult, error) {
	return e.webTurn(ctx, req.ID, req.Person, func(ctx context.Context, t *turn) (string, string, error) {
		return t.webAction(ctx, req)
	})
}

// CommentRequest is a comment on a ticket from the web panel.
type CommentRequest struct {
	ID, Person, Folio, Text string
}

// Comment writes a comment on a ticket to the bitácora and tells its
// requester and whoever works it (the coordinator while nobody does), as
// /comentar does in chat.
func (e *Engine) Comment(ctx context.Context, req CommentRequest) (ActResult, error) {
	return e.webTurn(ctx, req.ID, req.Person, func(ctx context.Context, t *turn) (string, string, error) {
		problem, err := t.comment(ctx, req.Folio, req.Text)
		return problem, "texto", err
	})
}

// webTurn runs what the panel asked for as a turn of the person, retried
// like Handle when its commit lost a race; a problem commits nothing but
// the refusals it wrote and the mark of the form.
func (e *Engine) webTurn(ctx context.Context, id, person string, do func(context.Context, *turn) (string, string, error)) (ActResult, error) {
	if id == "" {
		id = randomID()
	}
	ev := Event{ID: "web:" + id, Person: person, At: e.cfg.Now()}
	marks := map[string]bool{}
	for attempt := 1; ; attempt++ {
		t, err := e.newTurn(ctx, ev, marks)
		if err != nil {
			return ActResult{}, err
		}
		if !t.known {
			return ActResult{Problem: t.tr("reg.forbidden")}, nil
		}
		problem, field, err := do(ctx, t)
		if err != nil {
			return ActResult{}, err
		}
		if problem != "" {
			// Nothing is done but the refusals written; the form is marked
			// as handled all the same (the panel sends a corrected one with
			// a new ID), so a second copy of it reports Duplicate.
			t.out, t.tickets, t.order, t.dirty = nil, map[string]*ticketRef{}, nil, false
		}
		res, err := t.commit(ctx)
		switch {
		case errors.Is(err, storage.ErrDuplicate):
			return ActResult{Duplicate: true}, nil
		case errors.Is(err, storage.ErrConflict) && attempt < maxAttempts:
			continue
		case err != nil:
			return ActResult{}, err
		}
		if problem != "" {
			return ActResult{Problem: problem, Field: field}, nil
		}
		return ActResult{Messages: res.Messages}, nil
	}
}

// webAction checks and applies an action from the panel.
func (t *turn) webAction(ctx context.Context, req ActRequest) (problem, field string, err error) {
	tk, err := t.ticket(ctx, req.Folio)
	if notFound(err) {
		return t.tr("ticket.notfound", req.Folio), "", nil
	}
	if err != nil {
		return "", "", err
	}
	svc := t.e.services[tk.Service]
	a, ok := svc.Action(req.Action)
	if !ok {
		return t.tr("button.stale"), "", nil
	}
	if !t.policy().May(a.Who, tk, t.who) {
		return t.tr("button.forbidden", tk.Folio), "", t.refuse(ctx, tk.Folio, a.ID, a.ID)
	}
	if len(tk.History) != req.Step || !a.Can(tk) {
		return t.tr("button.moved", tk.Folio, t.statusName(t.lang, tk)), "", nil
	}
	in, problem, field, err := t.webAnswers(ctx, tk, a, req)
	if err != nil || problem != "" {
		return problem, field, err
	}
	if err := t.apply(ctx, tk, a, in, ""); err != nil {
		return "", "", err
	}
	t.reply(t.tr("web.done") + "\n" + t.card(t.who.ID, tk) + "\n\n" +
		t.tr("done.pressed", t.actionLabel(t.who.ID, tk.Service, a.ID), t.dir.Name(t.who.ID), t.now.In(t.e.cfg.Location).Format("02/01/2006 15:04")))
	return "", "", nil
}

// webAnswers checks the answers to an action's questions, given at once,
// as the chat checks them one by one.
func (t *turn) webAnswers(ctx context.Context, tk *storage.Ticket, a *workflow.Action, req ActRequest) (ask.Given, string, string, error) {
	q := &ask.Questions{State: &ask.State{}, Fields: a.Input, Svc: tk.Service, Ticket: tk}
	problem, field, err := q.Check(ctx, t.asker(), req.Answers, req.Files)
	if err != nil || problem != "" {
		return ask.Given{}, problem, field, err
	}
	return q.Given(t.asker(), a.ID, t.who.ID), "", "", nil
}

// maxComment bounds a comment, in characters.
const maxComment = 2000

// commentAction is the bitácora action of a comment on a ticket.
const commentAction = "comentario"

// comment writes a comment on a ticket and tells who it concerns.
func (t *turn) comment(ctx context.Context, folio, text string) (string, error) {
	tk, err := t.ticket(ctx, folio)
	if notFound(err) {
		return t.tr("ticket.notfound", folio), nil
	}
	if err != nil {
		return "", err
	}
	if !t.policy().MayComment(tk, t.who) {
		// Told as if it did not exist, as /ver does.
		return t.tr("ticket.notfound", folio), t.refuse(ctx, tk.Folio, "comentar", "comentar")
	}
	v, msg, _ := ask.ValidText(t.asker(), &workflow.Field{Kind: workflow.KindText, Max: maxComment}, text)
	if msg != "" {
		return msg, nil
	}
	t.record(tk.Folio, commentAction, v)
	pol := t.policy()
	told := pol.Asked(pol.CommentReaders(tk), tk)
	for _, id := range told {
		if id == t.who.ID {
			continue
		}
		t.send(id, t.trFor(id, "comment.news", t.dir.Name(t.who.ID), tk.Folio, v),
			[]Button{{Label: tk.Folio, Code: chat.ViewCode(tk.Folio)}})
	}
	t.reply(t.tr("comment.done", tk.Folio))
	return "", nil
}

// commentCommand answers /comentar CT-2026-0042 texto.
func (t *turn) commentCommand(ctx context.Context, arg string) error {
	loc := folioPattern.FindStringIndex(arg)
	if loc == nil {
		t.reply(t.tr("comment.usage"))
		return nil
	}
	folio := strings.ToUpper(arg[loc[0]:loc[1]])
	text := strings.TrimSpace(arg[:loc[0]] + " " + arg[loc[1]:])
	problem, err := t.comment(ctx, folio, text)
	if err != nil {
		return fmt.Errorf("conversations: comment on %s: %w", folio, err)
	}
	if problem != "" {
		t.reply(problem)
	}
	return nil
}
