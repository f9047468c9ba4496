package conversations

import (
	"context"

	"ctdesk/conversations/staff"
)

// staffCommand is one of CT's commands (package staff).
type staffCommand func(context.Context, staff.Env, staff.Request) (staff.Answer, error)

// staff runs one of CT's commands and says its answer: in chat, in the
// bitácora, and as a refusal when the person may not use it.
func (t *turn) staff(ctx context.Context, run staffCommand, arg string) error {
	env := staff.Env{
		Store: t.e.st, Services: t.e, Institution: t.e.cfg.Institution,
		Location: t.e.cfg.Location, Calendar: t.e.cfg.Calendar, Name: t.dir.Name, AreaName: t.dir.AreaName,
		Report: t.e.reportConfig(t.dir),
	}
	req := staff.Request{Who: t.who, Now: t.now, Lang: t.lang, Arg: arg, Files: t.ev.Files, Pressed: t.ev.Pressed != ""}
	a, err := run(ctx, env, req)
	if err != nil {
		return err
	}
	if a.Action != "" {
		t.record("", a.Action, a.Detail)
	}
	if a.Edit {
		t.editPressed(t.ev.Pressed, a.Text)
		t.notice = a.Notice
	} else {
		t.out = append(t.out, Message{To: t.recipient(), Text: a.Text, Buttons: a.Buttons, Files: a.Files})
	}
	for _, m := range a.More {
		t.out = append(t.out, Message{To: t.recipient(), Text: m.Text, Buttons: m.Buttons})
	}
	if a.Refused != "" {
		return t.refuse(ctx, "", a.Refused, a.Refused)
	}
	return nil
}
