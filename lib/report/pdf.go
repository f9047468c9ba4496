package report

import (
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres.
const (
	margin     = 18.0
	lineHeight = 5.0
)

// WritePDF writes the printable report to w.
func WritePDF(w io.Writer, r *Report) error {
	size := "Letter"
	if r.PaperSize == "A4" {
		size = "A4"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetTitle("Informe Trimestral DP-RG.02 "+r.Quarter.String(), true)
	pdf.SetAuthor(r.Institution, true)
	pdf.SetCreator("ctdesk", true)
	pdf.AliasNbPages("{nb}")
	p := &pdfDoc{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor(""), r: r, size: pdf.GetPageSizeStr(size)}
	pdf.SetFooterFunc(p.footer)

	p.newPage("P")
	p.cover()
	p.summary()
	p.chart()
	p.newPage("L") // the ticket list needs the width
	p.ticketList()
	p.newPage("P")
	p.photoMemory()
	p.bitacora()
	p.signatures()
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
}

// pdfDoc is the report being drawn.
type pdfDoc struct {
	pdf  *fpdf.Fpdf
	tr   func(string) string // UTF-8 to the core fonts' cp1252
	r    *Report
	size fpdf.SizeType
	// orient is the current page's orientation, "P" or "L"; width is the
	// room between its margins.
	orient string
	width  float64
}

// newPage starts a page in the orientation, "P" or "L".
func (p *pdfDoc) newPage(orient string) {
	p.orient = orient
	p.pdf.AddPageFormat(orient, p.size)
	w, _ := p.pdf.GetPageSize()
	p.width = w - 2*margin
}

func (p *pdfDoc) font(style string, size float64) { p.pdf.SetFont("Helvetica", style, size) }

// line writes one full-width line of text.
func (p *pdfDoc) line(text string) {
	p.pdf.CellFormat(p.width, lineHeight, p.tr(text), "", 1, "L", false, 0, "")
}

// paragraph writes wrapped text.
func (p *pdfDoc) paragraph(text string) {
	p.pdf.MultiCell(p.width, lineHeight, p.tr(text), "", "L", false)
}

// heading starts a numbered section, on a new page when little room is left.
func (p *pdfDoc) heading(text string, room float64) {
	p.ensure(room + 12)
	if p.pdf.GetY() > margin+1 {
		p.pdf.Ln(4)
	}
	p.font("B", 12)
	p.pdf.SetTextColor(20, 50, 100)
	p.line(text)
	p.pdf.SetTextColor(0, 0, 0)
	p.pdf.Ln(1)
	p.font("", 10)
}

// ensure starts a new page unless h millimetres fit on this one; it reports
// whether it did.
func (p *pdfDoc) ensure(h float64) bool {
	_, pageH := p.pdf.GetPageSize()
	if p.pdf.GetY()+h <= pageH-margin {
		return false
	}
	p.newPage(p.orient)
	return true
}

// fit shortens text with an ellipsis until it fits in w millimetres.
func (p *pdfDoc) fit(text string, w float64) string {
	s := p.tr(text)
	if p.pdf.GetStringWidth(s) <= w-2 {
		return s
	}
	ell := p.tr("…")
	rs := []byte(s)
	for len(rs) > 0 && p.pdf.GetStringWidth(string(rs)+ell) > w-2 {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + ell
}

func (p *pdfDoc) cover() {
	r := p.r
	p.font("B", 13)
	p.line(r.Institution)
	p.font("", 11)
	p.line("Coordinación de Tecnologías")
	p.pdf.Ln(3)
	p.font("B", 17)
	p.line("Informe Trimestral DP-RG.02")
	p.pdf.Ln(2)
	p.font("", 10)
	p.line(fmt.Sprintf("Trimestre: %s (%s)", r.Quarter.Name(), r.Quarter))
	p.line(fmt.Sprintf("Periodo: %s – %s", day(r.From), day(r.LastDay)))
	p.font("B", 10)
	p.line(fmt.Sprintf("Fecha límite de entrega: %s", day(r.Due)))
	p.font("", 10)
	p.line("(cinco días hábiles después del cierre del trimestre, procedimiento 3.8)")
	p.line(fmt.Sprintf("Elaborado: %s", r.Generated.Format("02/01/2006 15:04")))
	if r.KPI.Partial {
		p.pdf.Ln(2)
		p.font("B", 10)
		p.pdf.SetTextColor(180, 40, 30)
		p.paragraph("BORRADOR: el trimestre no ha concluido; las cifras son preliminares.")
		p.pdf.SetTextColor(0, 0, 0)
		p.font("", 10)
	}
}

func (p *pdfDoc) footer() {
	p.pdf.SetY(-12)
	p.font("", 8)
	p.pdf.SetTextColor(100, 100, 100)
	text := fmt.Sprintf("Informe Trimestral DP-RG.02 · %s · Página %d de {nb}", p.r.Quarter, p.pdf.PageNo())
	p.pdf.CellFormat(p.width, 4, p.tr(text), "", 0, "C", false, 0, "")
	p.pdf.SetTextColor(0, 0, 0)
}

// day formats a date as dd/mm/aaaa; the zero time as "—".
func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format("02/01/2006")
}

// percent formats a rate, or "—" when there is none.
func percent(rate float64, ok bool) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.1f %%", 100*rate)
}
