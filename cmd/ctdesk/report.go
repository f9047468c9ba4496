package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
)

// reportCmd writes the report DP-RG.02 of a quarter, as PDF or CSV, from the
// store; with the embedded store it may run beside the service.
func reportCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, now time.Time) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	quarter := fs.String("quarter", "", "trimestre, p. ej. 2026Q3 (por omisión, el último que terminó)")
	format := fs.String("format", "pdf", "pdf o csv")
	out := fs.String("out", "", "archivo de salida (por omisión, la salida estándar)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *format != "pdf" && *format != "csv" {
		return fmt.Errorf("--format %q: usa pdf o csv", *format)
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	q := calendar.QuarterOf(now.In(cfg.location)).Prev()
	if *quarter != "" {
		if q, err = calendar.ParseQuarter(*quarter); err != nil {
			return fmt.Errorf("--quarter %q: escribe el año y el trimestre, p. ej. 2026Q3", *quarter)
		}
	}
	st, _, err := openStore(ctx, getenv, true)
	if err != nil {
		return err
	}
	defer st.Close()
	names, areas := map[string]string{}, map[string]string{}
	if people, err := st.People(ctx); err == nil {
		for _, p := range people {
			names[p.ID] = p.Name
		}
	}
	if list, err := st.Areas(ctx); err == nil {
		for _, a := range list {
			areas[a.ID] = a.Name
		}
	}
	r, err := report.Build(ctx, st, report.Config{
		Institution: cfg.Institution, Location: cfg.location, Calendar: cfg.calendar(),
		People: func(id string) string { return names[id] },
		Areas:  func(id string) string { return areas[id] },
	}, q, now)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if *format == "pdf" {
		err = report.WritePDF(&buf, r)
	} else {
		err = report.WriteCSV(&buf, r)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(stderr, "Informe Trimestral DP-RG.02 del %s escrito en %s (fecha límite de entrega: %s)\n",
		q.Name(), *out, r.Due.Format("02/01/2006"))
	return nil
}
