package panel

import (
	"net/http"
)

// requestPDF serves a ticket's request CT-RG.03, printable: the same
// document as `ctdesk solicitud` and the «PDF» button of /ver, once the
// policy let the reader see the ticket.
func (p *Panel) requestPDF(w http.ResponseWriter, r *http.Request, rq *request) {
	tk, ok := p.viewable(w, r, rq)
	if !ok {
		return
	}
	pdf, err := p.eng.RequestPDF(r.Context(), tk.Folio)
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	download(w, "CT-RG.03_"+tk.Folio+".pdf", "application/pdf", pdf)
}
