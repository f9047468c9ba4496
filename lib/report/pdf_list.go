package report

import (
	"fmt"
	"strconv"
)

// ticketList draws one row per ticket of the quarter, repeating the header
// on every page.
func (p *reportPDF) ticketList() {
	p.heading("3. Relación de servicios", 20)
	if len(p.r.Tickets) == 0 {
		p.line("No se registraron servicios en el trimestre.")
		return
	}
	rest := p.width - (24 + 18 + 22 + 18 + 30)
	cols := []column{
		{"Folio", 24, "L"}, {"Servicio", rest * 0.25, "L"}, {"Área", rest * 0.20, "L"},
		{"Solicitante", rest * 0.22, "L"}, {"Estado", rest * 0.33, "L"},
		{"Solicitud", 18, "C"}, {"Compromiso", 22, "C"}, {"Cierre", 18, "C"}, {"Resultado", 30, "L"},
	}
	loc := p.r.Location
	var rows [][]string
	for _, t := range p.r.Tickets {
		service := t.ServiceName
		if t.Programmed {
			service += " (programado)"
		}
		due := localDay(t.Due, loc)
		if due == "" {
			due = "—"
		}
		if t.Reschedules > 0 {
			due += fmt.Sprintf(" (+%d)", t.Reschedules)
		}
		closed := localDay(t.Closed, loc)
		if closed == "" {
			closed = "—"
		}
		rows = append(rows, []string{t.Folio, service, t.AreaName, t.RequesterName, t.StatusName,
			localDay(t.Created, loc), due, closed, t.Result})
	}
	p.table(cols, rows, 7.5)
	p.pdf.Ln(1)
	p.note("Compromiso: última fecha comprometida; entre paréntesis, las veces que se reprogramó.")
}

// bitacora draws the count of bitácora entries per action.
func (p *reportPDF) bitacora() {
	// The table stays on one page when it fits in one.
	p.heading("7. Resumen de la Bitácora CT-RG.02", min(float64(len(p.r.Actions))*4.5+20, 150))
	p.line(fmt.Sprintf("Registros en el periodo: %d", p.r.LogEntries))
	if len(p.r.Actions) == 0 {
		return
	}
	p.pdf.Ln(1)
	var rows [][]string
	for _, a := range p.r.Actions {
		rows = append(rows, []string{a.Label, strconv.Itoa(a.Count)})
	}
	p.table([]column{{"Acción", 110, "L"}, {"Registros", 30, "C"}}, rows, 8.5)
}
