package main

import (
	"errors"
	"flag"
	"fmt"

	"ctdesk/cmd/internal/config"
)

func configCommand() *command {
	return &command{name: "config", aliases: []string{"configuracion", "configuración"},
		summary: "revisa o muestra la configuración",
		sub: []*command{
			{name: "check", aliases: []string{"revisar"}, args: "[ARCHIVO]",
				summary: "revisa un archivo de configuración sin arrancar el servicio (por omisión, CTDESK_CONFIG)",
				help: `Revisa todo lo que revisa serve: el YAML, las claves, las personas, las áreas, los vistos
buenos, los horarios, la zona horaria y los días cerrados. Lista todos los errores a la vez,
cada uno con su archivo y número de línea, y termina con 1; si todo está bien, muestra un
resumen y termina con 0. No abre ningún almacén.`,
				setup: func(*flag.FlagSet) runFunc { return configCheck }},
			{name: "example", aliases: []string{"ejemplo"},
				summary: "imprime la configuración de ejemplo, para copiarla y ajustarla",
				setup: func(*flag.FlagSet) runFunc {
					return func(c *call) error { _, err := c.stdout.Write(config.Example()); return err }
				}},
		}}
}

// configCheck checks a configuration file and summarises it.
func configCheck(c *call) error {
	var path string
	switch len(c.args) {
	case 0:
		env, err := c.env()
		if err != nil {
			return err
		}
		path = env.Config
		if path == "" {
			return errors.New("¿qué archivo reviso? Escribe «ctdesk config check ARCHIVO» o pon CTDESK_CONFIG")
		}
	case 1:
		path = c.args[0]
	default:
		return fmt.Errorf("config check revisa un archivo a la vez (sobra «%s»)", c.args[1])
	}
	cfg, err := config.Read(path)
	var ce *config.Error
	if errors.As(err, &ce) {
		fmt.Fprintln(c.stderr, ce.Error())
		n := ce.Count()
		fmt.Fprintf(c.stderr, "%s: %d %s; corrígelo y vuelve a revisar.\n", path, n, plural(n, "error", "errores"))
		return exitCode(1)
	}
	if err != nil {
		return err
	}
	config.WriteSummary(c.stdout, cfg, c.now())
	return nil
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
