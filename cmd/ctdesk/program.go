package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"ctdesk/conversations"
	"ctdesk/conversations/staff"
	"ctdesk/storage"
)

func programCommand() *command {
	return &command{name: "program", aliases: []string{"programa"},
		summary: "el Programa Anual de Mantenimiento Preventivo CT-RG.01",
		sub: []*command{{name: "import", aliases: []string{"importar"}, args: "ARCHIVO.csv|ARCHIVO.yaml",
			summary: "importa el Programa Anual de Mantenimiento Preventivo CT-RG.01 (columnas area, equipo, fecha, tecnico)",
			help:    `Cada renglón con error se reporta con su número y no se guarda nada.`,
			setup:   func(*flag.FlagSet) runFunc { return programImport },
		}}}
}

// programImport imports the Programa Anual de Mantenimiento Preventivo
// CT-RG.01 from a CSV or YAML file: `ctdesk program import FILE`.
func programImport(c *call) error {
	ctx, stdout, stderr, now := c.ctx, c.stdout, c.stderr, c.now()
	env, err := c.env()
	if err != nil {
		return err
	}
	if len(c.args) != 1 {
		return fmt.Errorf("falta el archivo del programa: ctdesk program import ARCHIVO.csv|ARCHIVO.yaml")
	}
	args := []string{"import", c.args[0]}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return fmt.Errorf("no pude leer el programa: %w", err)
	}
	cfg, err := loadConfig(env.Config)
	if err != nil {
		return err
	}
	st, _, err := openStore(ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed(ctx, cfg, st); err != nil {
		return err
	}
	lang := cfg.Language
	if lang == "" {
		lang = "es"
	}
	name := filepath.Base(args[1])
	res, err := staff.ImportProgram(ctx, st, cfg.location, name, data, "cli", now)
	if err != nil {
		return err
	}
	if len(res.Problems) > 0 {
		fmt.Fprintln(stderr, conversations.Plural(lang, "program.rejected", len(res.Problems), name, len(res.Problems)))
		fmt.Fprintln(stderr, staff.ProgramProblems(lang, res.Problems))
		return fmt.Errorf("programa %s: %s", name, conversations.Plural("es", "program.count.problems", len(res.Problems)))
	}
	text, detail := res.Summary(lang, name, cfg.location)
	if err := st.AppendLog(ctx, storage.LogEntry{At: now, Who: "cli", Role: storage.RoleCoordinador, Action: "programa_importado",
		Detail: detail}); err != nil {
		return fmt.Errorf("bitácora: %w", err)
	}
	fmt.Fprintln(stdout, text)
	return nil
}
