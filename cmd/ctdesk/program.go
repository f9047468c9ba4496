package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"ctdesk/conversations"
	"ctdesk/conversations/staff"
	"ctdesk/storage"
)

// programCmd imports the Programa Anual de Mantenimiento Preventivo CT-RG.01
// from a CSV or YAML file: `ctdesk program import FILE`.
func programCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, now time.Time) error {
	if len(args) != 2 || args[0] != "import" {
		fmt.Fprint(stderr, "Uso: ctdesk program import ARCHIVO.csv|ARCHIVO.yaml\n")
		return errUsage
	}
	data, err := os.ReadFile(args[1])
	if err != nil {
		return fmt.Errorf("programa: %w", err)
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	st, _, err := openStore(ctx, getenv, false)
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
		fmt.Fprintln(stderr, conversations.Text(lang, "program.rejected", name, len(res.Problems)))
		fmt.Fprintln(stderr, staff.ProgramProblems(lang, res.Problems))
		return fmt.Errorf("programa %s: %d problema(s)", name, len(res.Problems))
	}
	first, last := res.Items[0].Planned, res.Items[len(res.Items)-1].Planned
	for _, it := range res.Items {
		if it.Planned.Before(first) {
			first = it.Planned
		}
		if it.Planned.After(last) {
			last = it.Planned
		}
	}
	day := func(t time.Time) string { return t.In(cfg.location).Format("02/01/2006") }
	if err := st.AppendLog(ctx, storage.LogEntry{At: now, Who: "cli", Role: storage.RoleCoordinador, Action: "programa_importado",
		Detail: fmt.Sprintf("CT-RG.01 «%s»: %d equipos nuevos, %d actualizados, del %s al %s", name, res.New, res.Updated, day(first), day(last))}); err != nil {
		return fmt.Errorf("bitácora: %w", err)
	}
	fmt.Fprintln(stdout, conversations.Text(lang, "program.imported", len(res.Items), res.New, res.Updated, day(first), day(last)))
	return nil
}
