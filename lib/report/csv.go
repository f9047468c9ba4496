package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// BaseRule says, in Spanish, what the indicator counts: the rule printed in
// the report and written in its CSV.
const BaseRule = "Base del indicador: servicios solicitados y programados creados en el periodo. " +
	"No forman parte de ella los rechazados, los cancelados ni los que al cierre del periodo seguían en espera " +
	"de visto bueno (del jefe inmediato o de Rectoría): aún no se habían solicitado a CT. Un servicio cuenta como " +
	"cumplido si se cerró antes del fin del periodo, y a tiempo si se cerró a más tardar el día de su última " +
	"fecha comprometida."

// WriteCSV writes the electronic report to w: UTF-8 with a byte-order mark,
// so Excel shows the accents, and blocks separated by an empty line, each
// with its header: the report's data (campo, valor), the figures per
// service with a total row, one row per ticket, the ratings per service,
// the rating comments, and the CT-RG.01 items of the quarter. Dates are
// dd/mm/aaaa, rates percentages with one decimal and an empty cell when
// there is no base.
func WriteCSV(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	blocks := [][][]string{csvFields(r), csvCounts(r), csvTickets(r), csvRatings(r), csvComments(r), csvProgram(r)}
	for i, rows := range blocks {
		if i > 0 {
			// encoding/csv cannot write an empty record; an empty line keeps
			// the blocks apart for people and is skipped by CSV readers.
			cw.Flush()
			if _, err := io.WriteString(w, "\r\n"); err != nil {
				return fmt.Errorf("report: csv: %w", err)
			}
		}
		if err := cw.WriteAll(rows); err != nil {
			return fmt.Errorf("report: csv: %w", err)
		}
	}
	return nil
}

func csvFields(r *Report) [][]string {
	return [][]string{
		{"campo", "valor"},
		{"registro", "Informe Trimestral DP-RG.02"},
		{"institución", r.Institution},
		{"trimestre", r.Quarter.String()},
		{"periodo", r.Quarter.Name()},
		{"inicio del periodo", day(r.From)},
		{"fin del periodo", day(r.LastDay)},
		{"fecha límite de entrega", day(r.Due)},
		{"elaborado", r.Generated.Format("02/01/2006 15:04")},
		{"elaboró", r.Signer.Name},
		{"cargo", r.Signer.Position},
		{"preliminar", yesNo(r.KPI.Partial)},
		{"meta de cumplimiento %", pct(Target, true)},
		{"regla del indicador", BaseRule},
		{"registros de bitácora", strconv.Itoa(r.LogEntries)},
		{"fotos", strconv.Itoa(len(r.Photos))},
		{"observaciones de la coordinación", r.Narrative.Text},
	}
}

func csvCounts(r *Report) [][]string {
	rows := [][]string{{"servicio", "nombre", "solicitados", "programados", "cumplidos", "a tiempo", "pendientes",
		"rechazados", "cancelados", "en espera de visto bueno", "reprogramaciones", "cumplimiento %", "a tiempo %"}}
	counts := func(id, name string, c Counts) []string {
		return []string{id, name, strconv.Itoa(c.Requested), strconv.Itoa(c.Programmed),
			strconv.Itoa(c.Fulfilled), strconv.Itoa(c.OnTime), strconv.Itoa(c.Pending),
			strconv.Itoa(c.Rejected), strconv.Itoa(c.Cancelled), strconv.Itoa(c.Awaiting), strconv.Itoa(c.Reschedules),
			pct(c.Rate()), pct(c.OnTimeRate())}
	}
	for _, s := range r.KPI.Services {
		rows = append(rows, counts(s.Service, r.ServiceNames[s.Service], s.Counts))
	}
	return append(rows, counts("total", "Total", r.KPI.Overall))
}

func csvTickets(r *Report) [][]string {
	rows := [][]string{{"folio", "servicio", "área", "solicitante", "estado", "origen", "creado",
		"fecha comprometida", "reprogramaciones", "cerrado", "resultado"}}
	for _, t := range r.Tickets {
		origin := "solicitado"
		if t.Programmed {
			origin = "programado"
		}
		rows = append(rows, []string{t.Folio, t.ServiceName, t.AreaName, t.RequesterName, t.StatusName, origin,
			localDay(t.Created, r.Location), localDay(t.Due, r.Location), strconv.Itoa(t.Reschedules),
			localDay(t.Closed, r.Location), t.Result})
	}
	return rows
}

func csvRatings(r *Report) [][]string {
	rows := [][]string{{"servicio calificado", "nombre", "calificaciones", "promedio (1 a 5)"}}
	line := func(id, name string, s ServiceRating) []string {
		avg := ""
		if a, ok := s.Average(); ok {
			avg = strconv.FormatFloat(a, 'f', 1, 64)
		}
		return []string{id, name, strconv.Itoa(s.Count), avg}
	}
	for _, s := range r.Satisfaction.Services {
		rows = append(rows, line(s.Service, r.ServiceNames[s.Service], s))
	}
	return append(rows, line("total", "Total", r.Satisfaction.Overall))
}

func csvComments(r *Report) [][]string {
	rows := [][]string{{"folio comentado", "servicio", "calificación", "fecha", "comentario"}}
	for _, c := range r.Satisfaction.Comments {
		rows = append(rows, []string{c.Folio, r.ServiceNames[c.Service], strconv.Itoa(c.Score), localDay(c.At, r.Location), c.Comment})
	}
	return rows
}

func csvProgram(r *Report) [][]string {
	rows := [][]string{{"fecha planeada", "equipo", "área", "técnico", "folio", "estado", "reprogramado", "cerrado"}}
	for _, it := range r.Program.Items {
		rows = append(rows, []string{localDay(it.Planned, r.Location), it.Equipment, it.Area, it.Tecnico, it.Folio,
			it.State, rescheduled(it, r.Location), localDay(it.Closed, r.Location)})
	}
	return rows
}

// rescheduled says where a planned item's work was moved, or "".
func rescheduled(it PlanRow, loc *time.Location) string {
	if !it.Rescheduled {
		return ""
	}
	if it.NewDate.IsZero() {
		return "sí"
	}
	return "al " + localDay(it.NewDate, loc)
}

func pct(r float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(100*r, 'f', 1, 64)
}

func yesNo(b bool) string {
	if b {
		return "sí"
	}
	return "no"
}

// localDay formats t's day in loc, or "" for the zero time.
func localDay(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("02/01/2006")
}
