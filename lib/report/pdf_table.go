package report

// column is a column of a table: its header, width in mm and alignment
// ("L", "C", "R").
type column struct {
	head  string
	width float64
	align string
}

// maxCellLines bounds how many lines a cell wraps to; the rest is cut with
// an ellipsis.
const maxCellLines = 3

// table draws rows under a header, wrapping long cells onto more lines and
// repeating the header on every page it spans.
func (p *pdfDoc) table(cols []column, rows [][]string, size float64) {
	lineH := size * 0.5
	header := func() {
		p.font("B", size)
		p.pdf.SetFillColor(225, 232, 242)
		for _, c := range cols {
			p.pdf.CellFormat(c.width, lineH+1.5, p.tr(c.head), "1", 0, "C", true, 0, "")
		}
		p.pdf.Ln(-1)
		p.font("", size)
	}
	header()
	for _, row := range rows {
		cells := make([][]string, len(cols))
		n := 1
		for i, c := range cols {
			cells[i] = p.wrap(row[i], c.width, maxCellLines)
			n = max(n, len(cells[i]))
		}
		h := float64(n)*lineH + 1.5
		if p.ensure(h) {
			header()
		}
		x, y := p.pdf.GetX(), p.pdf.GetY()
		for i, c := range cols {
			p.pdf.Rect(x, y, c.width, h, "D")
			for j, l := range cells[i] {
				p.pdf.SetXY(x, y+0.75+float64(j)*lineH)
				p.pdf.CellFormat(c.width, lineH, l, "", 0, c.align, false, 0, "")
			}
			x += c.width
		}
		p.pdf.SetXY(margin, y+h)
	}
	p.font("", 10)
}

// wrap splits text into the lines that fit a width, already in the fonts'
// encoding, at most n: the last one is cut with an ellipsis.
func (p *pdfDoc) wrap(text string, w float64, n int) []string {
	var out []string
	for _, l := range p.pdf.SplitLines([]byte(p.tr(text)), w) {
		out = append(out, string(l))
	}
	if len(out) > n {
		last := out[n-1] + " " + out[n]
		out = out[:n]
		ell := p.tr("…")
		for len(last) > 0 && p.pdf.GetStringWidth(last+ell) > w-2 {
			last = last[:len(last)-1]
		}
		out[n-1] = last + ell
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}
