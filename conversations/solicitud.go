package conversations

import (
	"bytes"
	"context"
	"fmt"

	"ctdesk/conversations/records"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// RequestPDF is a ticket's request CT-RG.03, printable: its data and
// answers, the visto bueno, every signature, the committed dates, the
// history and the files, named as the records name them. Returns an error
// wrapping storage.ErrNotFound for a folio that does not exist.
func (e *Engine) RequestPDF(ctx context.Context, folio string) ([]byte, error) {
	t, err := e.jobTurn(ctx, "", e.cfg.Now())
	if err != nil {
		return nil, err
	}
	tk, err := e.st.Ticket(ctx, folio)
	if err != nil {
		return nil, fmt.Errorf("conversations: request %s: %w", folio, err)
	}
	return t.requestPDF(ctx, &tk)
}

// requestPDF draws a ticket's request CT-RG.03, with the comments made on
// it (kept in the bitácora) in its history.
func (t *turn) requestPDF(ctx context.Context, tk *storage.Ticket) ([]byte, error) {
	log, err := t.e.st.Log(ctx, storage.LogFilter{Folio: tk.Folio})
	if err != nil {
		return nil, fmt.Errorf("conversations: request %s: %w", tk.Folio, err)
	}
	q := records.Request(tk, log, records.Sources{
		Institution: t.e.cfg.Institution, Location: t.e.cfg.Location, Generated: t.now,
		Service: t.e.services[tk.Service], Name: t.dir.Name, Area: t.dir.AreaName, Person: t.dir.Person,
		Comment: commentAction,
	})
	var buf bytes.Buffer
	if err := report.WriteRequestPDF(&buf, q); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sendRequestPDF answers the «PDF» button of a ticket's view: the request
// CT-RG.03 as a file, to whoever may see the ticket.
func (t *turn) sendRequestPDF(ctx context.Context, folio string) error {
	tk, ok, err := t.pressedTicket(ctx, folio)
	if !ok {
		return err
	}
	if !t.policy().MayView(tk, t.who) {
		t.notice = t.tr("ticket.notfound", folio)
		return t.refuse(ctx, tk.Folio, "pdf", "pdf")
	}
	data, err := t.requestPDF(ctx, tk)
	if err != nil {
		return err
	}
	name := "CT-RG.03_" + tk.Folio + ".pdf"
	id, err := t.e.st.PutFile(ctx, storage.File{Name: name, MIME: "application/pdf", Size: int64(len(data)), Data: data, Created: t.now})
	if err != nil {
		return fmt.Errorf("conversations: keep %s: %w", name, err)
	}
	t.out = append(t.out, Message{To: t.recipient(), Text: t.tr("ticket.pdf.sent", tk.Folio), Files: []OutFile{{ID: id, Name: name}}})
	return nil
}
