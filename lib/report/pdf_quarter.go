package report

import (
	"fmt"
	"strconv"
	"strings"
)

// satisfaction draws the ratings per service and the comments that came
// with them.
func (p *reportPDF) satisfaction() {
	s := p.r.Satisfaction
	p.heading("4. Satisfacción de los usuarios", 40)
	if s.Overall.Count == 0 {
		p.line("Ningún servicio del trimestre ha sido calificado.")
		return
	}
	line := func(name string, sr ServiceRating) []string {
		avg := "—"
		if a, ok := sr.Average(); ok {
			avg = strconv.FormatFloat(a, 'f', 1, 64) + " de 5"
		}
		return []string{name, strconv.Itoa(sr.Count), avg}
	}
	var rows [][]string
	for _, sr := range s.Services {
		rows = append(rows, line(p.r.ServiceNames[sr.Service], sr))
	}
	rows = append(rows, line("Total", s.Overall))
	p.table([]column{{"Servicio", p.width - 60, "L"}, {"Calificaciones", 30, "C"}, {"Promedio", 30, "C"}}, rows, 8.5)
	p.pdf.Ln(1)
	p.note("Cada servicio cerrado pide al solicitante una calificación del 1 al 5 y, si quiere, un comentario. " +
		"Se cuentan las calificaciones de los servicios del trimestre dadas hasta la fecha de elaboración.")
	if len(s.Comments) == 0 {
		return
	}
	p.pdf.Ln(2)
	var comments [][]string
	for _, c := range s.Comments {
		comments = append(comments, []string{c.Folio, p.r.ServiceNames[c.Service], strconv.Itoa(c.Score), c.Comment})
	}
	p.table([]column{{"Folio", 24, "L"}, {"Servicio", 44, "L"}, {"Calif.", 12, "C"}, {"Comentario", p.width - 80, "L"}}, comments, 8)
}

// program draws the progress of the CT-RG.01 program in the quarter.
func (p *reportPDF) program() {
	g := p.r.Program
	p.heading("5. Avance del Programa Anual de Mantenimiento Preventivo CT-RG.01", 30)
	if g.Planned == 0 {
		p.line("No hubo equipos programados en el trimestre.")
		return
	}
	p.font("B", 10)
	p.line(fmt.Sprintf("Programados: %d · Realizados: %d · Pendientes: %d · Reprogramados: %d · Cancelados: %d",
		g.Planned, g.Done, g.Pending, g.Rescheduled, g.Cancelled))
	p.font("", 10)
	p.pdf.Ln(1)
	var rows [][]string
	for _, it := range g.Items {
		state := it.State
		if !it.Closed.IsZero() && it.State == "realizado" {
			state += " el " + localDay(it.Closed, p.r.Location)
		}
		if r := rescheduled(it, p.r.Location); r != "" && r != "sí" {
			state += "; reprogramado " + r
		} else if r == "sí" {
			state += "; reprogramado"
		}
		rows = append(rows, []string{localDay(it.Planned, p.r.Location), it.Equipment, it.Area, it.Tecnico,
			strings.TrimSpace(it.Folio), state})
	}
	rest := p.width - 20 - 24
	p.table([]column{{"Fecha", 20, "C"}, {"Equipo", rest * 0.28, "L"}, {"Área", rest * 0.22, "L"},
		{"Técnico", rest * 0.18, "L"}, {"Folio", 24, "L"}, {"Estado", rest * 0.32, "L"}}, rows, 8)
	p.pdf.Ln(1)
	p.note("Realizado: su solicitud programada se cerró dentro del trimestre. Reprogramado: su fecha comprometida quedó " +
		"después del día planeado o cambió; cuenta también como realizado o pendiente.")
}
