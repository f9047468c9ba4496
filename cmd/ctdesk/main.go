// Command ctdesk is the service desk of the Coordinación de Tecnologías: it
// runs the bot on Telegram and Slack (or, with no platform token, a console
// in the terminal), and its subcommands read the records.
//
//	ctdesk                 run the service (console when no token is set)
//	ctdesk bitacora        print the Bitácora CT-RG.02 as CSV
//	ctdesk report          write the quarterly report DP-RG.02 (PDF or CSV)
//	ctdesk program import  load the CT-RG.01 program from CSV or YAML
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // the institution's zone loads on minimal images too
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, "ctdesk:", err)
	}
	if err != nil {
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// run is ctdesk with its inputs injected, so tests drive it whole. The
// environment is read once, here.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "help" || args[0] == "ayuda") {
		fmt.Fprint(stdout, usage)
		return nil
	}
	env, err := readEnv(getenv)
	if err != nil {
		return err
	}
	log := newLogger(env, stderr)
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		switch args[0] {
		case "bitacora", "bitácora":
			return bitacora(ctx, args[1:], env, stdout, stderr)
		case "report", "informe":
			return reportCmd(ctx, args[1:], env, stdout, stderr, time.Now())
		case "program", "programa":
			return programCmd(ctx, args[1:], env, stdout, stderr, time.Now())
		case "serve":
			return serve(ctx, env, stdin, stdout, log)
		default:
			fmt.Fprintf(stderr, "ctdesk: subcomando desconocido %q\n%s", args[0], usage)
			return errUsage
		}
	}
	return serve(ctx, env, stdin, stdout, log)
}

const usage = `Uso:
  ctdesk                     atiende Telegram y Slack; sin tokens, abre la consola
  ctdesk bitacora [--desde dd/mm/aaaa] [--hasta dd/mm/aaaa] [--folio CT-AAAA-NNNN]
                             imprime la Bitácora CT-RG.02 en CSV
  ctdesk report [--quarter 2026Q3] [--format pdf|csv] [--out ARCHIVO]
                             escribe el Informe Trimestral DP-RG.02
  ctdesk program import ARCHIVO.csv|ARCHIVO.yaml
                             carga el Programa Anual de Mantenimiento Preventivo CT-RG.01
Variables: CTDESK_CONFIG, CTDESK_DATA, REDIS_URL, TELEGRAM_TOKEN, SLACK_BOT_TOKEN… (ver README)
`

// newLogger builds the one logger of the process.
func newLogger(env Env, w io.Writer) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(env.LogLevel)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}
