package report

import (
	"fmt"
	"strconv"
)

// ticketList draws one row per ticket of the quarter, repeating the header
// on every page.
func (p *pdfDoc) ticketList() {
	p.heading("3. Relación de servicios", 20)
	if len(p.r.Tickets) == 0 {
		p.line("No se registraron servicios en el trimestre.")
		return
	}
	const rowH = 5.5
	rest := p.width - (24 + 18 + 24 + 18 + 36)
	cols := []float64{24, rest * 0.52, rest * 0.28, rest * 0.20, 18, 24, 18, 36}
	head := []string{"Folio", "Servicio", "Área", "Estado", "Solicitud", "Compromiso", "Cierre", "Resultado"}
	header := func() {
		p.font("B", 7.5)
		p.pdf.SetFillColor(225, 232, 242)
		for i, h := range head {
			p.pdf.CellFormat(cols[i], 6, p.tr(h), "1", 0, "C", true, 0, "")
		}
		p.pdf.Ln(-1)
		p.font("", 7.5)
	}
	header()
	for _, t := range p.r.Tickets {
		if p.ensure(rowH) {
			header()
		}
		service := t.ServiceName
		if t.Programmed {
			service += " (programado)"
		}
		due := day(t.Due.In(p.r.Location))
		if t.Due.IsZero() {
			due = day(t.Due)
		}
		if t.Reschedules > 0 {
			due += fmt.Sprintf(" (+%d)", t.Reschedules)
		}
		closed := day(t.Closed)
		if !t.Closed.IsZero() {
			closed = day(t.Closed.In(p.r.Location))
		}
		cells := []string{t.Folio, service, t.AreaName, t.Status, day(t.Created.In(p.r.Location)), due, closed, t.Result}
		for i, s := range cells {
			align := "L"
			if i >= 4 && i <= 6 {
				align = "C"
			}
			p.pdf.CellFormat(cols[i], rowH, p.fit(s, cols[i]), "1", 0, align, false, 0, "")
		}
		p.pdf.Ln(-1)
	}
	p.font("", 8)
	p.pdf.Ln(1)
	p.paragraph("Compromiso: última fecha comprometida; entre paréntesis, las veces que se reprogramó.")
	p.font("", 10)
}

// bitacora draws the count of bitácora entries per action.
func (p *pdfDoc) bitacora() {
	p.heading("5. Resumen de la Bitácora CT-RG.02", 30)
	p.line(fmt.Sprintf("Registros en el periodo: %d", p.r.LogEntries))
	if len(p.r.Actions) == 0 {
		return
	}
	p.pdf.Ln(1)
	cols := []float64{110, 30}
	p.font("B", 8.5)
	p.pdf.SetFillColor(225, 232, 242)
	p.pdf.CellFormat(cols[0], 6, p.tr("Acción"), "1", 0, "L", true, 0, "")
	p.pdf.CellFormat(cols[1], 6, p.tr("Registros"), "1", 1, "C", true, 0, "")
	p.font("", 8.5)
	for _, a := range p.r.Actions {
		p.pdf.CellFormat(cols[0], 5.5, p.fit(a.Action, cols[0]), "1", 0, "L", false, 0, "")
		p.pdf.CellFormat(cols[1], 5.5, strconv.Itoa(a.Count), "1", 1, "C", false, 0, "")
	}
	p.font("", 10)
}

// signatures leaves room to sign the printed report.
func (p *pdfDoc) signatures() {
	p.ensure(40)
	p.pdf.Ln(22)
	w := (p.width - 20) / 2
	y := p.pdf.GetY()
	p.pdf.Line(margin, y, margin+w, y)
	p.pdf.Line(margin+w+20, y, margin+p.width, y)
	p.pdf.Ln(1)
	p.font("", 9)
	p.pdf.CellFormat(w, lineHeight, p.tr("Elaboró: Coordinador de Tecnologías"), "", 0, "C", false, 0, "")
	p.pdf.SetX(margin + w + 20)
	p.pdf.CellFormat(w, lineHeight, p.tr("Recibió: Dirección de Planeación"), "", 1, "C", false, 0, "")
}
