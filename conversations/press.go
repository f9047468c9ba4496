package conversations

import (
	"context"
	"strconv"
	"strings"

	"ctdesk/conversations/staff"
)

// Button codes are "<kind>:<args>", at most 64 bytes. They say what to do,
// never who may do it: every press is checked against the stored ticket and
// the directory.
//
//	m:<service>|mine|help|queue     menu
//	f:<field>:<value>               answer a form field (choice index, y/n, skip, done)
//	c:send|edit|cancel              the form's summary
//	e:<field>                       correct one field
//	t:<folio>:<action>:<step>       a ticket action, valid only at that history step
//	r:<folio>:<score>               rate a closed ticket
//	v:<folio>                       show a ticket
//	d:<folio>                       send a ticket's request CT-RG.03 as PDF
//	p:<value>                       input of the pending action (skip, done, cancel, d:<date>, as:<person>)
//	g:<account>:<ok|no>             the coordinator decides a registration
//	k:<quarter>                     the coordinator marks the report DP-RG.02 delivered
//	pd:<file>:mover|conservar       the coordinator imports a kept CT-RG.01 file, moving or keeping its dates without work
func (t *turn) press(ctx context.Context, code string) error {
	kind, rest, _ := strings.Cut(code, ":")
	switch kind {
	case "m":
		return t.menuButton(ctx, rest)
	case "f":
		field, value, _ := strings.Cut(rest, ":")
		return t.formButton(ctx, field, value)
	case "c":
		if t.st.Svc == "" || !t.st.Confirm {
			t.notice = t.tr("button.stale")
			return t.reask(ctx)
		}
		return t.confirm(ctx, rest)
	case "e":
		t.editField(rest)
		return nil
	case "t":
		parts := strings.Split(rest, ":")
		if len(parts) != 3 {
			break
		}
		step, err := strconv.Atoi(parts[2])
		if err != nil {
			break
		}
		return t.ticketButton(ctx, parts[0], parts[1], step)
	case "r":
		folio, score, _ := strings.Cut(rest, ":")
		n, err := strconv.Atoi(score)
		if err != nil {
			break // «Omitir» of a comment no longer asked
		}
		return t.rate(ctx, folio, n)
	case "v":
		return t.showTicket(ctx, rest)
	case "d":
		return t.sendRequestPDF(ctx, rest)
	case "p":
		if t.st.Pend == nil {
			t.notice = t.tr("button.stale")
			return nil
		}
		return t.pendingInput(ctx, "", rest)
	case "k":
		return t.staff(ctx, staff.Delivered, rest)
	case "pd":
		return t.staff(ctx, staff.ImportKept, rest)
	case "g":
		return t.decideRegistration(ctx, rest)
	}
	t.notice = t.tr("button.stale")
	return nil
}
