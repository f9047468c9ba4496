package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"ctdesk/storage"
	"ctdesk/storage/backupfile"
)

func backupCommand() *command {
	return &command{name: "backup", aliases: []string{"respaldo", "respaldar"},
		summary: "copia todos los registros del almacén a un archivo portátil",
		help: `Copia los folios con su historia, la bitácora, las personas y registros, el programa
CT-RG.01, los archivos, los contadores de folio y los mensajes por enviar del almacén
configurado (Redis con REDIS_URL, si no CTDESK_DATA) a un archivo que «ctdesk restore» carga
en cualquiera de los dos. Puede correr mientras el servicio atiende: lee una copia
consistente. El archivo tiene datos personales: se crea legible solo por su dueño.`,
		setup: func(fs *flag.FlagSet) runFunc {
			out := fs.String("out", "", "archivo del respaldo, p. ej. `ctdesk-2026-07-01.respaldo`")
			return func(c *call) error { return backup(c, *out) }
		}}
}

// backup writes every record of the configured store to a file, through a
// temporary file renamed at the end, so a failed backup leaves no half file.
func backup(c *call, out string) error {
	if len(c.args) > 0 {
		return fmt.Errorf("backup no lleva argumentos (sobra «%s»); el archivo va con --out", c.args[0])
	}
	if out == "" {
		return errors.New("falta el archivo del respaldo: ctdesk backup --out ARCHIVO")
	}
	env, err := c.env()
	if err != nil {
		return err
	}
	st, where, err := openStore(c.ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return fmt.Errorf("no pude crear el respaldo junto a %s: %w", out, err)
	}
	defer os.Remove(tmp.Name())
	source := "sqlite"
	if where == "redis" {
		source = "redis"
	}
	tr, err := backupfile.Write(tmp, backupfile.Header{Created: c.now().UTC(), Source: source, Ctdesk: versionName()},
		func(emit func(storage.Record) error) error { return st.Export(c.ctx, emit) })
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("no pude escribir el respaldo: %w", err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("no pude escribir el respaldo %s: %w", out, err)
	}
	fmt.Fprintf(c.stderr, "Respaldo de %s escrito en %s: %s.\n", where, out, describeCounts(tr.Counts))
	return nil
}

// describeCounts says in Spanish what a backup holds.
func describeCounts(counts map[string]int) string {
	names := map[string][2]string{
		"ticket": {"folio", "folios"}, "log": {"entrada de bitácora", "entradas de bitácora"},
		"person": {"persona", "personas"}, "area": {"área", "áreas"}, "plan": {"equipo del programa", "equipos del programa"},
		"file": {"archivo", "archivos"}, "outbox": {"mensaje por enviar", "mensajes por enviar"},
		"dialog": {"formulario a medio llenar", "formularios a medio llenar"}, "folio": {"contador de folios", "contadores de folios"},
		"job": {"trabajo programado", "trabajos programados"}, "value": {"valor", "valores"},
	}
	order := []string{"ticket", "log", "person", "area", "plan", "file", "outbox", "dialog", "folio", "job", "value"}
	var parts []string
	for _, k := range order {
		if n := counts[k]; n > 0 || k == "ticket" || k == "log" {
			parts = append(parts, fmt.Sprintf("%d %s", n, plural(n, names[k][0], names[k][1])))
		}
	}
	var other []string
	for k := range counts {
		if _, ok := names[k]; !ok {
			other = append(other, k)
		}
	}
	sort.Strings(other)
	for _, k := range other {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	return strings.Join(parts, ", ")
}
