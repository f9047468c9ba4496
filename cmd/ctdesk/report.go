package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/conversations/staff"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
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

// buildReport builds the report DP-RG.02 of a quarter as the engine names,
// counts and signs it; the signer comes from the configuration when the
// store has no coordinator yet.
func buildReport(ctx context.Context, cfg *config.Config, st storage.Store, q calendar.Quarter, now time.Time) (*report.Report, error) {
	eng, err := newEngine(cfg, st, time.Now)
	if err != nil {
		return nil, err
	}
	rcfg, err := eng.ReportConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("no pude leer el directorio: %w", err)
	}
	for _, p := range cfg.People {
		if rcfg.Signer.Name == "" && p.Person().Role == storage.RoleCoordinador {
			rcfg.Signer = report.Signer{Name: p.Name, Position: p.Position}
		}
	}
	return staff.BuildReport(ctx, st, rcfg, q, now)
}

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
	cfg, err := config.Load(env.Config)
	if err != nil {
		return err
	}
	q := calendar.QuarterOf(now.In(cfg.Location())).Prev()
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
	r, err := buildReport(ctx, cfg, st, q, now)
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
	return writeOut(c, out, buf.Bytes(), "el informe", fmt.Sprintf("Informe Trimestral DP-RG.02 del %s (%s) escrito en %s (fecha límite de entrega: %s)",
		q.Name(), q, out, r.Due.Format("02/01/2006")))
}

// writeOut writes a record to the file out, and says so on stderr with
// done; or to stdout when out is "". what names the record in an error.
func writeOut(c *call, out string, data []byte, what, done string) error {
	if out == "" {
		_, err := c.stdout.Write(data)
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("no pude escribir %s: %w", what, err)
	}
	fmt.Fprintln(c.stderr, done)
	return nil
}
