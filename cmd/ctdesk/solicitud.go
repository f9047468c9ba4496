package main

import (
	"errors"
	"flag"
	"fmt"
	"regexp"
	"strings"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/storage"
)

func solicitudCommand() *command {
	return &command{name: "solicitud", args: "FOLIO",
		summary: "escribe en PDF la Solicitud de Servicios de Tecnologías CT-RG.03 de un folio, lista para imprimir",
		help: `Incluye los datos y respuestas de la solicitud, el visto bueno (quién y cuándo), cada firma
(retiro, devolución, responsabilidad, conformidad), las fechas comprometidas, el historial y
los archivos. El PDF no se escribe en la terminal: usa --out ARCHIVO o redirige la salida
(ctdesk solicitud CT-2026-0042 > solicitud.pdf). Puede correr mientras el servicio atiende.`,
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("out", "", "archivo de salida, p. ej. `solicitud.pdf` (por omisión, la salida estándar)")
			return func(c *call) error { return solicitudCmd(c, *out) }
		}}
}

// folioArg is a folio as written on the command line.
var folioArg = regexp.MustCompile(`^CT-\d{4}-\d{1,6}$`)

// solicitudCmd writes the request CT-RG.03 of a folio as PDF.
func solicitudCmd(c *call, out string) error {
	ctx, stdout, stderr := c.ctx, c.stdout, c.stderr
	env, err := c.env()
	if err != nil {
		return err
	}
	if len(c.args) != 1 {
		return errors.New("falta el folio: ctdesk solicitud CT-AAAA-NNNN --out solicitud.pdf")
	}
	folio := strings.ToUpper(strings.TrimSpace(c.args[0]))
	if !folioArg.MatchString(folio) {
		return fmt.Errorf("«%s» no es un folio; escríbelo como CT-2026-0042", c.args[0])
	}
	if out == "" && isTerminal(stdout) {
		return fmt.Errorf("no escribo un PDF en la terminal: usa --out solicitud.pdf, o redirige la salida (ctdesk solicitud %s > solicitud.pdf)", folio)
	}
	cfg, err := config.Load(env.Config)
	if err != nil {
		return err
	}
	st, note, err := openReadStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if note != "" {
		fmt.Fprintln(stderr, note)
	}
	eng, err := newEngine(cfg, st, time.Now)
	if err != nil {
		return err
	}
	pdf, err := eng.RequestPDF(ctx, folio)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("no existe la solicitud %s", folio)
	}
	if err != nil {
		return err
	}
	return writeOut(c, out, pdf, "la solicitud", fmt.Sprintf("Solicitud de Servicios de Tecnologías CT-RG.03 del folio %s escrita en %s", folio, out))
}
