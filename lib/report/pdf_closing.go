package report

import "fmt"

// narrative draws what the coordinator wrote about the quarter, if anything.
func (p *reportPDF) narrative() {
	n := p.r.Narrative
	if n.Text == "" {
		return
	}
	p.heading("8. Observaciones de la coordinación", 20)
	p.paragraph(n.Text)
	if n.By != "" && !n.At.IsZero() {
		p.pdf.Ln(1)
		p.note(fmt.Sprintf("Escrito por %s el %s.", n.By, n.At.In(p.r.Location).Format("02/01/2006")))
	}
}

// signatures leaves room to sign the printed report: who made it, by name
// and position, and who receives it.
func (p *reportPDF) signatures() {
	p.ensure(45)
	p.pdf.Ln(22)
	w := (p.width - 20) / 2
	y := p.pdf.GetY()
	p.pdf.Line(margin, y, margin+w, y)
	p.pdf.Line(margin+w+20, y, margin+p.width, y)
	p.pdf.Ln(1)
	s := p.r.Signer
	p.font("", 9)
	p.pdf.CellFormat(w, lineHeight, p.tr("Elaboró"), "", 0, "C", false, 0, "")
	p.pdf.SetX(margin + w + 20)
	p.pdf.CellFormat(w, lineHeight, p.tr("Recibió"), "", 1, "C", false, 0, "")
	p.font("B", 9)
	p.pdf.CellFormat(w, lineHeight, p.fit(s.Name, w), "", 0, "C", false, 0, "")
	p.pdf.SetX(margin + w + 20)
	p.pdf.CellFormat(w, lineHeight, p.tr("Dirección de Planeación"), "", 1, "C", false, 0, "")
	p.font("", 9)
	p.pdf.CellFormat(w, lineHeight, p.fit(s.Position, w), "", 1, "C", false, 0, "")
	p.font("", 10)
}
