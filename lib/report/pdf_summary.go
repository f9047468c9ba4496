package report

import (
	"fmt"
	"strconv"
)

// summary draws the table of figures per service.
func (p *reportPDF) summary() {
	p.heading("1. Servicios del trimestre", 50)
	cols := []float64{p.width - 6*19, 19, 19, 19, 19, 19, 19}
	head := []string{"Servicio", "Solicitados", "Programados", "Cumplidos", "A tiempo", "Pendientes", "Cumplim."}
	p.font("B", 7.5)
	p.pdf.SetFillColor(225, 232, 242)
	for i, h := range head {
		align := "C"
		if i == 0 {
			align = "L"
		}
		p.pdf.CellFormat(cols[i], 7, p.tr(h), "1", 0, align, true, 0, "")
	}
	p.pdf.Ln(-1)
	row := func(name string, c Counts, style string) {
		p.font(style, 8.5)
		cells := []string{
			p.fit(name, cols[0]),
			strconv.Itoa(c.Requested), strconv.Itoa(c.Programmed), strconv.Itoa(c.Fulfilled),
			strconv.Itoa(c.OnTime), strconv.Itoa(c.Pending), p.tr(percent(c.Rate())),
		}
		for i, s := range cells {
			align := "C"
			if i == 0 {
				align = "L"
			}
			p.pdf.CellFormat(cols[i], 6.5, s, "1", 0, align, false, 0, "")
		}
		p.pdf.Ln(-1)
	}
	for _, s := range p.r.KPI.Services {
		row(p.r.ServiceNames[s.Service], s.Counts, "")
	}
	row("Total", p.r.KPI.Overall, "B")
	p.pdf.Ln(2)
	o := p.r.KPI.Overall
	p.font("", 9)
	p.paragraph(fmt.Sprintf("Fuera de la base: rechazados: %d; cancelados: %d; en espera de visto bueno al cierre: %d. "+
		"Reprogramaciones de fecha comprometida: %d.", o.Rejected, o.Cancelled, o.Awaiting, o.Reschedules))
	p.pdf.Ln(1)
	p.note(BaseRule)
}

// chart draws the indicator per service against the target, as bars.
func (p *reportPDF) chart() {
	k := p.r.KPI
	rows := len(k.Services) + 1
	p.heading("2. Indicador de cumplimiento (meta 90 %)", float64(rows)*8+40)
	p.verdict()
	p.pdf.Ln(3)
	g := p.plot()
	for i, s := range k.Services {
		p.bar(g, i, p.r.ServiceNames[s.Service], s.Counts, "")
	}
	p.bar(g, len(k.Services), "Total", k.Overall, "B")
	p.axis(g, g.top+float64(rows)*(barH+barGap))
}

// verdict says the overall indicator against the target, and on-time delivery.
func (p *reportPDF) verdict() {
	k := p.r.KPI
	o := k.Overall
	rate, ok := o.Rate()
	p.font("B", 10)
	verdict := "sin servicios en el periodo"
	switch {
	case ok && rate >= Target:
		verdict = "meta alcanzada"
	case ok:
		verdict = "por debajo de la meta"
	}
	p.line(fmt.Sprintf("Cumplimiento: %s (%d de %d) — %s", percent(rate, ok), o.Fulfilled, o.Base(), verdict))
	p.font("", 10)
	p.line(fmt.Sprintf("Entregas a tiempo: %s (%d de %d cumplidos)", percent(o.OnTimeRate()), o.OnTime, o.Fulfilled))
	if k.Partial {
		p.line("Proyección con las cifras a la fecha de elaboración.")
	}
}

// The bars' sizes, in mm.
const barH, barGap, barLabelW, barValueW = 6.0, 2.0, 66.0, 20.0

// plotArea is where the bars go: x0 is 0 %, x0+width is 100 %.
type plotArea struct{ x0, width, top float64 }

// plot places the bars below what was written last.
func (p *reportPDF) plot() plotArea {
	return plotArea{x0: margin + barLabelW, width: p.width - barLabelW - barValueW, top: p.pdf.GetY() + 5}
}

// bar draws row i: its name, the bar of its rate (green at or above the
// target, red below) and the rate.
func (p *reportPDF) bar(g plotArea, i int, name string, c Counts, bold string) {
	y := g.top + float64(i)*(barH+barGap)
	p.font(bold, 8.5)
	p.pdf.SetXY(margin, y)
	p.pdf.CellFormat(barLabelW, barH, p.fit(name, barLabelW), "", 0, "L", false, 0, "")
	p.pdf.SetFillColor(240, 240, 240)
	p.pdf.Rect(g.x0, y, g.width, barH, "F")
	r, ok := c.Rate()
	if ok {
		if r >= Target {
			p.pdf.SetFillColor(60, 150, 80)
		} else {
			p.pdf.SetFillColor(210, 90, 50)
		}
		if r > 0 {
			p.pdf.Rect(g.x0, y, g.width*r, barH, "F")
		}
	}
	p.pdf.SetXY(g.x0+g.width+1, y)
	p.pdf.CellFormat(barValueW-1, barH, p.tr(percent(r, ok)), "", 0, "R", false, 0, "")
}

// axis draws the axis with its marks and the dashed target line.
func (p *reportPDF) axis(g plotArea, bottom float64) {
	p.pdf.SetDrawColor(30, 30, 30)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Line(g.x0, g.top-1, g.x0, bottom)
	p.pdf.SetDrawColor(20, 50, 100)
	p.pdf.SetLineWidth(0.5)
	p.pdf.SetDashPattern([]float64{1.5, 1}, 0)
	tx := g.x0 + g.width*Target
	p.pdf.Line(tx, g.top-2, tx, bottom)
	p.pdf.SetDashPattern(nil, 0)
	p.pdf.SetLineWidth(0.2)
	p.pdf.SetDrawColor(0, 0, 0)
	p.font("", 7.5)
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		p.pdf.SetXY(g.x0+g.width*v-8, bottom)
		p.pdf.CellFormat(16, 4, p.tr(fmt.Sprintf("%.0f %%", 100*v)), "", 0, "C", false, 0, "")
	}
	p.pdf.SetXY(tx-10, g.top-6)
	p.pdf.SetTextColor(20, 50, 100)
	p.pdf.CellFormat(20, 4, p.tr("meta 90 %"), "", 0, "C", false, 0, "")
	p.pdf.SetTextColor(0, 0, 0)
	p.pdf.SetXY(margin, bottom+6)
}
