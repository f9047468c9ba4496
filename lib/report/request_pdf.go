package report

import (
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"
)

// Request is a request CT-RG.03 (Solicitud de Servicios de Tecnologías) as
// it is printed, with its texts already in the reader's language.
type Request struct {
	Institution, Folio, Service, Status string
	Requester, Area, Assignee           string
	Created                             time.Time
	Location                            *time.Location
	// Fields are the request's answers, as label and value.
	Fields [][2]string
	// Approvals, Dates, Signatures and History are lines of text, each
	// with when it happened.
	Approvals, Dates, Signatures, History []RequestLine
	// Labels name the parts of the form: "title", "service", "requester",
	// "status", "assignee", "created", "fields", "approvals", "dates",
	// "signatures", "history" and "page".
	Labels map[string]string
}

// RequestLine is one dated line of a request.
type RequestLine struct {
	At   time.Time
	Text string
}

// WriteRequestPDF writes a request CT-RG.03 as a printable PDF.
func WriteRequestPDF(w io.Writer, r *Request) error {
	if r.Location == nil {
		utc := *r
		utc.Location = time.UTC
		r = &utc
	}
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetTitle(r.Labels["title"]+" "+r.Folio, true)
	pdf.SetAuthor(r.Institution, true)
	pdf.SetCreator("ctdesk", true)
	pdf.AliasNbPages("{nb}")
	d := &requestDoc{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor(""), r: r}
	pdf.SetFooterFunc(d.footer)
	pdf.AddPage()
	d.width, _ = pdf.GetPageSize()
	d.width -= 2 * margin
	d.head()
	d.section(r.Labels["fields"])
	d.table(r.Fields)
	for _, part := range []struct {
		key   string
		lines []RequestLine
	}{{"approvals", r.Approvals}, {"dates", r.Dates}, {"signatures", r.Signatures}, {"history", r.History}} {
		if len(part.lines) == 0 {
			continue
		}
		d.section(r.Labels[part.key])
		for _, l := range part.lines {
			d.table([][2]string{{d.when(l.At), l.Text}})
		}
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: request pdf: %w", err)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("report: request pdf: %w", err)
	}
	return nil
}

// requestDoc is a request CT-RG.03 being drawn.
type requestDoc struct {
	pdf   *fpdf.Fpdf
	tr    func(string) string
	r     *Request
	width float64
}

func (d *requestDoc) when(t time.Time) string { return t.In(d.r.Location).Format("02/01/2006 15:04") }

// head writes the institution, the record's name, the folio and who asks
// for what.
func (d *requestDoc) head() {
	r, pdf := d.r, d.pdf
	pdf.SetFont("Helvetica", "B", 13)
	pdf.CellFormat(d.width, 7, d.tr(r.Institution), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 11)
	pdf.SetTextColor(20, 50, 100)
	pdf.CellFormat(d.width, 6, d.tr(r.Labels["title"]+" (CT-RG.03)"), "", 1, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.SetFont("Helvetica", "B", 16)
	pdf.CellFormat(d.width, 10, d.tr(r.Folio), "", 1, "L", false, 0, "")
	pdf.Ln(2)
	pairs := [][2]string{{r.Labels["service"], r.Service}, {r.Labels["requester"], r.Requester + " (" + r.Area + ")"},
		{r.Labels["created"], d.when(r.Created)}, {r.Labels["status"], r.Status}}
	if r.Assignee != "" {
		pairs = append(pairs, [2]string{r.Labels["assignee"], r.Assignee})
	}
	d.table(pairs)
}

// table writes label and value rows, the value wrapped beside its label.
func (d *requestDoc) table(rows [][2]string) {
	pdf := d.pdf
	for _, kv := range rows {
		pdf.SetFont("Helvetica", "B", 10)
		y := pdf.GetY()
		pdf.MultiCell(48, lineHeight, d.tr(kv[0]), "", "L", false)
		after := pdf.GetY()
		pdf.SetXY(margin+50, y)
		pdf.SetFont("Helvetica", "", 10)
		pdf.MultiCell(d.width-50, lineHeight, d.tr(kv[1]), "", "L", false)
		pdf.SetY(max(after, pdf.GetY()) + 1)
	}
}

// section starts a part of the form.
func (d *requestDoc) section(title string) {
	pdf := d.pdf
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "B", 12)
	pdf.SetTextColor(20, 50, 100)
	pdf.CellFormat(d.width, 7, d.tr(title), "B", 1, "L", false, 0, "")
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1)
}

func (d *requestDoc) footer() {
	pdf := d.pdf
	pdf.SetY(-12)
	pdf.SetFont("Helvetica", "", 8)
	pdf.SetTextColor(110, 110, 110)
	pdf.CellFormat(0, 5, d.tr(fmt.Sprintf("%s · CT-RG.03 · %s %d/{nb}", d.r.Folio, d.r.Labels["page"], pdf.PageNo())), "", 0, "C", false, 0, "")
}
