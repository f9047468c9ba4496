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
	s := p.r.Signer
	p.signBlock(signer{"Elaboró", s.Name, s.Position}, signer{"Recibió", "Dirección de Planeación", ""})
}
