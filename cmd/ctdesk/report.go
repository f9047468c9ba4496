package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"

	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
)

func reportCommand() *command {
	return &command{name: "report", aliases: []string{"informe"},
		summary: "escribe el Informe Trimestral DP-RG.02 en PDF (para imprimir) o CSV (electrónico)",
		help: `El PDF no se escribe en la terminal: usa --out ARCHIVO o redirige la salida
(ctdesk report > informe.pdf). Puede correr mientras el servicio atiende.`,
		setup: func(fs *flag.FlagSet) runFunc {
			q := &quarterFlag{}
			fs.Var(q, "quarter", "trimestre `3T-2026` (también 2026T3 o 2026Q3); por omisión, el último que terminó")
			format := fs.String("format", "pdf", "formato `pdf|csv`: pdf para imprimir, csv electrónico")
			out := fs.String("out", "", "archivo de salida, p. ej. `informe.pdf` (por omisión, la salida estándar)")
			return func(c *call) error { return reportCmd(c, q, *format, *out) }
		}}
}

// quarterFlag is a quarter given on the command line.
type quarterFlag struct {
	q   calendar.Quarter
	set bool
}

func (f *quarterFlag) String() string {
	if !f.set {
		return ""
	}
	return f.q.String()
}

// Set reads any of the notations staff write.
func (f *quarterFlag) Set(s string) error {
	q, err := calendar.ParseQuarter(s)
	if err != nil {
		return errors.New("escribe el trimestre del 1 al 4 y el año: 3T-2026 (también 2026T3 o 2026Q3)")
	}
	f.q, f.set = q, true
	return nil
}

func (f *quarterFlag) spanish() {}

// reportCmd writes the report DP-RG.02 of a quarter, as PDF or CSV, from the
// store; with the embedded store it may run beside the service.
func reportCmd(c *call, quarter *quarterFlag, format, out string) error {
	ctx, stdout, stderr, now := c.ctx, c.stdout, c.stderr, c.now()
	env, err := c.env()
	if err != nil {
		return err
	}
	if len(c.args) > 0 {
		return fmt.Errorf("report no lleva argumentos (sobra «%s»); el archivo va con --out", c.args[0])
	}
	if format != "pdf" && format != "csv" {
		return fmt.Errorf("--format %s: usa pdf o csv", format)
	}
	if format == "pdf" && out == "" && isTerminal(stdout) {
		return errors.New("no escribo un PDF en la terminal: usa --out informe.pdf, o redirige la salida (ctdesk report > informe.pdf)")
	}
	cfg, err := loadConfig(env.Config)
	if err != nil {
		return err
	}
	q := calendar.QuarterOf(now.In(cfg.location)).Prev()
	if quarter.set {
		q = quarter.q
	}
	st, note, err := openReadStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
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
	if format == "pdf" {
		err = report.WritePDF(&buf, r)
	} else {
		err = report.WriteCSV(&buf, r)
	}
	if err != nil {
		return err
	}
	if out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("no pude escribir el informe: %w", err)
	}
	fmt.Fprintf(stderr, "Informe Trimestral DP-RG.02 del %s (%s) escrito en %s (fecha límite de entrega: %s)\n",
		q.Name(), q, out, r.Due.Format("02/01/2006"))
	return nil
}
