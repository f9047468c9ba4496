package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"
)

// WriteCSV writes the electronic report to w: UTF-8 with a byte-order mark,
// so Excel shows the accents, and three blocks separated by an empty line:
// the report's data (field, value), the figures per service with a total row,
// and one row per ticket. Dates are dd/mm/aaaa, rates percentages with one
// decimal and an empty cell when there is no base.
func WriteCSV(w io.Writer, r *Report) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	rows := [][]string{
		{"campo", "valor"},
		{"registro", "Informe Trimestral DP-RG.02"},
		{"institución", r.Institution},
		{"trimestre", r.Quarter.String()},
		{"inicio del periodo", day(r.From)},
		{"fin del periodo", day(r.LastDay)},
		{"fecha límite de entrega", day(r.Due)},
		{"elaborado", r.Generated.Format("02/01/2006 15:04")},
		{"preliminar", yesNo(r.KPI.Partial)},
		{"meta de cumplimiento %", rate(Target, true)},
		{"registros de bitácora", strconv.Itoa(r.LogEntries)},
		{"fotos", strconv.Itoa(len(r.Photos))},
		nil,
		{"servicio", "nombre", "solicitados", "programados", "cumplidos", "a tiempo", "pendientes",
			"rechazados", "cancelados", "reprogramaciones", "cumplimiento %", "a tiempo %"},
	}
	counts := func(id, name string, c Counts) []string {
		return []string{id, name, strconv.Itoa(c.Requested), strconv.Itoa(c.Programmed),
			strconv.Itoa(c.Fulfilled), strconv.Itoa(c.OnTime), strconv.Itoa(c.Pending),
			strconv.Itoa(c.Rejected), strconv.Itoa(c.Cancelled), strconv.Itoa(c.Reschedules),
			rate(c.Rate()), rate(c.OnTimeRate())}
	}
	for _, s := range r.KPI.Services {
		rows = append(rows, counts(s.Service, r.ServiceNames[s.Service], s.Counts))
	}
	rows = append(rows, counts("total", "Total", r.KPI.Overall), nil,
		[]string{"folio", "servicio", "área", "solicitante", "estado", "origen", "creado",
			"fecha comprometida", "reprogramaciones", "cerrado", "resultado"})
	for _, t := range r.Tickets {
		origin := "solicitado"
		if t.Programmed {
			origin = "programado"
		}
		rows = append(rows, []string{t.Folio, t.ServiceName, t.AreaName, t.RequesterName, t.Status, origin,
			localDay(t.Created, r.Location), localDay(t.Due, r.Location), strconv.Itoa(t.Reschedules),
			localDay(t.Closed, r.Location), t.Result})
	}
	for _, row := range rows {
		if row == nil {
			// encoding/csv cannot write an empty record; an empty line keeps
			// the blocks apart for people and is skipped by CSV readers.
			cw.Flush()
			if _, err := io.WriteString(w, "\r\n"); err != nil {
				return fmt.Errorf("report: csv: %w", err)
			}
			continue
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("report: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("report: csv: %w", err)
	}
	return nil
}

func rate(r float64, ok bool) string {
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
