package report

import (
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
)

// Page geometry in millimetres.
const (
	margin     = 18.0
	lineHeight = 5.0
)

// pdfDoc is a printable record being drawn: the report DP-RG.02 or a
// request CT-RG.03. Core fonts are cp1252, so every text goes through tr.
type pdfDoc struct {
	pdf  *fpdf.Fpdf
	tr   func(string) string // UTF-8 to the core fonts' cp1252
	size fpdf.SizeType
	// foot is the footer's text, before the page number.
	foot string
	// orient is the current page's orientation, "P" or "L"; width is the
	// room between its margins.
	orient string
	width  float64
}

// newDoc starts a document on paper "Letter" or "A4".
func newDoc(paper, title, author, foot string) *pdfDoc {
	size := "Letter"
	if paper == "A4" {
		size = "A4"
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin)
	pdf.SetTitle(title, true)
	pdf.SetAuthor(author, true)
	pdf.SetCreator("ctdesk", true)
	pdf.AliasNbPages("{nb}")
	p := &pdfDoc{pdf: pdf, tr: pdf.UnicodeTranslatorFromDescriptor(""), size: pdf.GetPageSizeStr(size), foot: foot}
	pdf.SetFooterFunc(p.footer)
	return p
}

// output writes the document, or the first error met while drawing it.
func (p *pdfDoc) output(w io.Writer) error {
	if err := p.pdf.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	if err := p.pdf.Error(); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
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

// heading starts a numbered section, on a new page when less than room
// millimetres would be left under it.
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

// note writes a small explanatory paragraph.
func (p *pdfDoc) note(text string) {
	p.font("", 8.5)
	p.paragraph(text)
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

func (p *pdfDoc) footer() {
	p.pdf.SetY(-12)
	p.font("", 8)
	p.pdf.SetTextColor(100, 100, 100)
	text := fmt.Sprintf("%s · Página %d de {nb}", p.foot, p.pdf.PageNo())
	p.pdf.CellFormat(p.width, 4, p.tr(text), "", 0, "C", false, 0, "")
	p.pdf.SetTextColor(0, 0, 0)
}

// signer is one side of a signature block: its caption over the name, in
// bold, and a line under it ("" for none).
type signer struct{ caption, name, under string }

// signBlock leaves room to sign a printed record: two lines side by side,
// each with its caption, name and what goes under it.
func (p *pdfDoc) signBlock(left, right signer) {
	p.ensure(45)
	p.pdf.Ln(22)
	w := (p.width - 20) / 2
	y := p.pdf.GetY()
	p.pdf.Line(margin, y, margin+w, y)
	p.pdf.Line(margin+w+20, y, margin+p.width, y)
	p.pdf.Ln(1)
	row := func(style, a, b string) {
		p.font(style, 9)
		p.pdf.CellFormat(w, lineHeight, p.fit(a, w), "", 0, "C", false, 0, "")
		p.pdf.SetX(margin + w + 20)
		p.pdf.CellFormat(w, lineHeight, p.fit(b, w), "", 1, "C", false, 0, "")
	}
	row("", left.caption, right.caption)
	row("B", left.name, right.name)
	if left.under != "" || right.under != "" {
		row("", left.under, right.under)
	}
	p.font("", 10)
}
