package report

import (
	"fmt"
	"io"
	"time"
)

// reportPDF is the report DP-RG.02 being drawn.
type reportPDF struct {
	*pdfDoc
	r *Report
}

// WritePDF writes the printable report to w: the cover; the figures per
// service with the indicator's rule and its chart; the list of services
// (landscape); the requesters' satisfaction, the progress of the CT-RG.01
// program, the photo memory, the bitácora summary, the coordinator's
// observations and the signatures.
func WritePDF(w io.Writer, r *Report) error {
	foot := "Informe Trimestral DP-RG.02 · " + r.Quarter.String()
	p := &reportPDF{newDoc(r.PaperSize, "Informe Trimestral DP-RG.02 "+r.Quarter.String(), r.Institution, foot), r}
	p.newPage("P")
	p.cover()
	p.summary()
	p.chart()
	p.newPage("L") // the ticket list needs the width
	p.ticketList()
	p.newPage("P")
	p.satisfaction()
	p.program()
	p.photoMemory()
	p.bitacora()
	p.narrative()
	p.signatures()
	return p.output(w)
}

func (p *reportPDF) cover() {
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
