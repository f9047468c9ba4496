package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"ctdesk/cmd/internal/config"
	"ctdesk/conversations"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/staff"
	"ctdesk/lib/program"
	"ctdesk/storage"
)

func programCommand() *command {
	return &command{name: "program", aliases: []string{"programa"},
		summary: "el Programa Anual de Mantenimiento Preventivo CT-RG.01",
		sub: []*command{{name: "import", aliases: []string{"importar"}, args: "ARCHIVO.csv|ARCHIVO.yaml",
			summary: "importa el Programa Anual de Mantenimiento Preventivo CT-RG.01 (columnas area, equipo, fecha, tecnico)",
			help: `Cada renglón con error se reporta con su número y no se guarda nada. Un equipo nuevo
programado en sábado, domingo, día feriado o día sin labores de la configuración se
avisa con el siguiente día hábil, y no se guarda nada hasta decidir con --fechas mover
(pasarlo al siguiente día hábil) o --fechas conservar (dejar la fecha como está).
La bitácora registra la importación a nombre de --como, o del usuario del sistema.`,
			setup: func(fs *flag.FlagSet) runFunc {
				como := comoFlag(fs)
				dates := fs.String("fechas", "", "qué hacer con las fechas en días sin labores: `mover|conservar`")
				return func(c *call) error { return programImport(c, *como, *dates) }
			},
		}}}
}

// programImport imports the Programa Anual de Mantenimiento Preventivo
// CT-RG.01 from a CSV or YAML file: `ctdesk program import FILE`.
func programImport(c *call, como, dates string) error {
	ctx, stdout, stderr, now := c.ctx, c.stdout, c.stderr, c.now()
	env, err := c.env()
	if err != nil {
		return err
	}
	if len(c.args) != 1 {
		return fmt.Errorf("falta el archivo del programa: ctdesk program import ARCHIVO.csv|ARCHIVO.yaml")
	}
	if dates != "" && dates != program.DatesMove && dates != program.DatesKeep {
		return fmt.Errorf("--fechas %s: usa mover (al siguiente día hábil) o conservar (la fecha como está)", dates)
	}
	data, err := os.ReadFile(c.args[0])
	if err != nil {
		return fmt.Errorf("no pude leer el programa: %w", err)
	}
	cfg, err := config.Load(env.Config)
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
	who, err := whoRuns(ctx, c, st, como, policy.Program)
	if err != nil {
		return err
	}
	lang := cfg.Language
	name := filepath.Base(c.args[0])
	res, err := staff.ImportProgram(ctx, st, cfg.Calendar(), staff.ProgramFile{Name: name, Data: data, By: who.ID, Now: now, Dates: dates})
	if err != nil {
		return err
	}
	if program.OnlyClosedDays(res.Problems) {
		fmt.Fprintln(stderr, conversations.Text(lang, "program.closed", name))
		fmt.Fprintln(stderr, staff.ProgramProblems(lang, res.Problems))
		return fmt.Errorf("programa %s: fechas en días sin labores; vuelve a importarlo con --fechas mover (al siguiente día hábil) o --fechas conservar (como están)", name)
	}
	if len(res.Problems) > 0 {
		fmt.Fprintln(stderr, conversations.Plural(lang, "program.rejected", len(res.Problems), name, len(res.Problems)))
		fmt.Fprintln(stderr, staff.ProgramProblems(lang, res.Problems))
		return fmt.Errorf("programa %s: %s", name, conversations.Plural("es", "program.count.problems", len(res.Problems)))
	}
	text, detail := res.Summary(lang, name, cfg.Location())
	if err := st.AppendLog(ctx, storage.LogEntry{At: now, Who: who.ID, Role: who.Role, Action: "programa_importado",
		Detail: detail + fromCLI}); err != nil {
		return fmt.Errorf("bitácora: %w", err)
	}
	fmt.Fprintln(stdout, text)
	return nil
}
