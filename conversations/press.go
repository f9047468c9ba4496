package conversations

import (
	"context"
	"strconv"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/staff"
)

// press runs a pressed button; package chat writes and reads the codes.
func (t *turn) press(ctx context.Context, code string) error {
	kind, args, ok := chat.ParseCode(code)
	if !ok {
		t.notice = t.tr("button.stale")
		return nil
	}
	switch kind {
	case chat.KindMenu:
		return t.menuButton(ctx, args[0])
	case chat.KindField:
		return t.formButton(ctx, args[0], args[1])
	case chat.KindConfirm:
		if t.st.Svc == "" || !t.st.Confirm {
			t.notice = t.tr("button.stale")
			return t.reask(ctx)
		}
		return t.confirm(ctx, args[0])
	case chat.KindEdit:
		t.editField(args[0])
		return nil
	case chat.KindAction:
		step, err := strconv.Atoi(args[2])
		if err != nil {
			break
		}
		return t.ticketButton(ctx, args[0], args[1], step)
	case chat.KindRate:
		n, err := strconv.Atoi(args[1])
		if err != nil {
			break // «Omitir» of a comment no longer asked
		}
		return t.rate(ctx, args[0], n)
	case chat.KindView:
		return t.showTicket(ctx, args[0])
	case chat.KindPDF:
		return t.sendRequestPDF(ctx, args[0])
	case chat.KindPending:
		if t.st.Pend == nil {
			t.notice = t.tr("button.stale")
			return nil
		}
		return t.pendingInput(ctx, "", args[0])
	case chat.KindDelivered:
		return t.staff(ctx, staff.Delivered, args[0])
	case chat.KindProgramDates:
		return t.staff(ctx, staff.ImportKept, args[0]+":"+args[1])
	case chat.KindDecide:
		return t.decideRegistration(ctx, args[0]+":"+args[1], args[2])
	}
	t.notice = t.tr("button.stale")
	return nil
}
