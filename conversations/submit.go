package conversations

import (
	"context"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/records"
	"ctdesk/conversations/workflow"
	"ctdesk/storage"
)

// summary shows the filled form and asks to send it.
func (t *turn) summary() {
	s := t.e.services[t.st.Svc]
	text := t.tr("form.summary", t.serviceName(s.ID)) + "\n" + records.Answers(t.lang, s, t.st.Ans, t.dir.AreaName)
	t.reply(text, []Button{
		{Label: t.tr("form.send"), Code: chat.Code(chat.KindConfirm, "send")},
		{Label: t.tr("form.edit"), Code: chat.Code(chat.KindConfirm, "edit")},
		{Label: t.tr("form.cancel"), Code: chat.Code(chat.KindConfirm, "cancel")},
	})
}

// confirm handles the summary's buttons.
func (t *turn) confirm(ctx context.Context, what string) error {
	switch what {
	case "send":
		return t.submit(ctx)
	case "cancel":
		t.cancel()
		return nil
	case "edit":
		s, q := t.e.services[t.st.Svc], t.form()
		var rows [][]Button
		for i := range s.Fields {
			f := &s.Fields[i]
			if q.Applies(f) {
				rows = append(rows, []Button{{Label: t.tr(s.ID + "." + f.ID), Code: chat.Code(chat.KindEdit, f.ID)}})
			}
		}
		t.reply(t.tr("form.edit.which"), rows...)
		return nil
	}
	t.notice = t.tr("button.stale")
	return nil
}

// editField asks one field again, then returns to the summary.
func (t *turn) editField(field string) {
	s, ok := t.e.services[t.st.Svc]
	var f *workflow.Field
	if ok {
		f, ok = s.Field(field)
	}
	if !ok || !t.st.Confirm || !t.form().Applies(f) {
		t.notice = t.tr("button.stale")
		return
	}
	delete(t.st.Ans, field)
	if f.TakesFiles() {
		t.st.Ans.DropFiles(field)
		kept := t.st.Files[:0]
		for _, a := range t.st.Files {
			if a.Field != field {
				kept = append(kept, a)
			}
		}
		t.st.Files = kept
	}
	t.st.Confirm, t.st.Field = false, field
	t.dirty = true
	t.askForm()
}

// submit turns the filled form into a ticket CT-RG.03.
func (t *turn) submit(ctx context.Context) error {
	s := t.e.services[t.st.Svc]
	tk := &storage.Ticket{
		Service:   s.ID,
		Requester: t.who.ID,
		Area:      t.who.Area,
		Fields:    map[string]string{},
		Created:   t.now,
	}
	for k, v := range t.st.Ans {
		if v != "" && !workflow.IsNote(k) {
			tk.Fields[k] = v
		}
	}
	for _, f := range t.st.Files {
		tk.Attachments = append(tk.Attachments, storage.Attachment{
			FileID: f.ID, Name: f.Name, MIME: f.MIME, Size: f.Size, Photo: f.Photo, Step: f.Field, By: t.who.ID, At: t.now,
		})
	}
	status := "recibida"
	if s.Start != nil {
		status = s.Start(&t.e.cfg, tk)
	}
	tk.Status = status
	tk.History = []storage.Transition{{At: t.now, By: t.who.ID, Role: t.who.Role, To: status, Action: "solicitar"}}
	t.touch(tk)
	t.record(t.folioToken(), "solicitud", t.serviceName(s.ID)+records.ChoiceDetail(s, tk))
	t.ownApprovals(s, tk)
	t.clearState()
	t.enterStatus(ctx, tk, nil)
	return nil
}

// ownApprovals gives the visto bueno a request carries by who asks for it:
// the supervisor's own request needs no other supervisor, the authority's
// own publication no other authority. Each one is recorded as usual.
func (t *turn) ownApprovals(s *workflow.Service, tk *storage.Ticket) {
	for round := 0; round < len(s.Actions); round++ {
		var own *workflow.Action
		for i := range s.Actions {
			a := &s.Actions[i]
			if a.Approval != "" && !a.Reject && a.Can(tk) && t.policy().GivesApproval(a.Who, tk, t.who) {
				own = a
				break
			}
		}
		if own == nil {
			return
		}
		note := t.tr("approval.own")
		tk.Approvals = append(tk.Approvals, storage.Approval{Kind: own.Approval, By: t.who.ID, Role: t.who.Role, Approved: true, Reason: note, At: t.now})
		tk.History = append(tk.History, storage.Transition{At: t.now, By: t.who.ID, Role: t.who.Role, From: tk.Status, To: own.To, Action: own.ID, Note: note})
		tk.Status = own.To
		t.record(t.folioToken(), own.ID, note)
	}
}
