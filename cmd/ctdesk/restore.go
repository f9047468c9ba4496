package main

import (
	"errors"
	"flag"
	"fmt"
	"iter"
	"os"

	"ctdesk/storage"
	"ctdesk/storage/backupfile"
)

func restoreCommand() *command {
	return &command{name: "restore", aliases: []string{"restaurar"}, args: "ARCHIVO",
		summary: "carga un respaldo en el almacén configurado (con REDIS_URL: la migración a Redis)",
		help: `Carga en el almacén configurado (Redis con REDIS_URL, si no CTDESK_DATA) un archivo de
«ctdesk backup», tomado de SQLite o de Redis: un respaldo de SQLite cargado con REDIS_URL
puesta es la migración a Redis. Primero lee el archivo completo y rechaza uno cortado o
alterado. Un almacén que ya tiene folios, bitácora, programa, archivos o mensajes no se toca
sin --force; con --force todo su contenido se reemplaza. Detén ctdesk antes de restaurar.`,
		setup: func(fs *flag.FlagSet) runFunc {
			force := fs.Bool("force", false, "reemplaza el contenido de un almacén que ya tiene registros")
			return func(c *call) error { return restore(c, *force) }
		}}
}

// restore loads a backup into the configured store.
func restore(c *call, force bool) error {
	if len(c.args) != 1 {
		return errors.New("falta el archivo: ctdesk restore [--force] ARCHIVO")
	}
	path := c.args[0]
	h, counts, err := verifyBackup(path)
	if err != nil {
		return err
	}
	env, err := c.env()
	if err != nil {
		return err
	}
	st, where, err := openStore(c.ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	holds, err := st.HoldsRecords(c.ctx)
	if err != nil {
		return fmt.Errorf("no pude revisar el almacén %s: %w", where, err)
	}
	if holds && !force {
		return fmt.Errorf("el almacén %s ya tiene registros (folios, bitácora, programa, archivos o mensajes): restaurar los reemplazaría todos. Si es lo que quieres, detén ctdesk y repite con --force", where)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("no pude leer el respaldo: %w", err)
	}
	defer f.Close()
	_, records, err := backupfile.Read(f)
	if err != nil {
		return backupError(path, err)
	}
	var last storage.FolioCounter
	if err := st.Restore(c.ctx, watchFolios(records, &last)); err != nil {
		return fmt.Errorf("la restauración en %s no terminó (%w); corrige la causa y repite con --force", where, err)
	}
	fmt.Fprintf(c.stderr, "Respaldo de %s del %s restaurado en %s: %s.\n", h.Source, h.Created.Local().Format("02/01/2006 15:04"), where, describeCounts(counts))
	if last.Year > 0 {
		fmt.Fprintf(c.stderr, "El siguiente folio de %d será CT-%04d-%04d.\n", last.Year, last.Year, last.Last+1)
	}
	return nil
}

// verifyBackup reads the whole file before the store is touched, so a cut
// or altered backup is refused before anything is replaced.
func verifyBackup(path string) (backupfile.Header, map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return backupfile.Header{}, nil, fmt.Errorf("no pude leer el respaldo: %w", err)
	}
	defer f.Close()
	h, records, err := backupfile.Read(f)
	if err != nil {
		return h, nil, backupError(path, err)
	}
	counts := map[string]int{}
	for r, err := range records {
		if err != nil {
			return h, nil, backupError(path, err)
		}
		counts[r.Kind()]++
	}
	return h, counts, nil
}

// watchFolios passes the records on and keeps the latest year's folio counter.
func watchFolios(records iter.Seq2[storage.Record, error], last *storage.FolioCounter) iter.Seq2[storage.Record, error] {
	return func(yield func(storage.Record, error) bool) {
		for r, err := range records {
			if r.Folio != nil && r.Folio.Year >= last.Year {
				*last = *r.Folio
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

func backupError(path string, err error) error {
	switch {
	case errors.Is(err, backupfile.ErrNotBackup):
		return fmt.Errorf("%s no es un respaldo de ctdesk (se crean con «ctdesk backup --out ARCHIVO»)", path)
	case errors.Is(err, backupfile.ErrTruncated):
		return fmt.Errorf("el respaldo %s está cortado o alterado; no se restauró nada. Usa otra copia (%v)", path, err)
	}
	return fmt.Errorf("no pude leer el respaldo %s: %w", path, err)
}
