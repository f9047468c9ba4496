package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"ctdesk/storage"
)

// bitacora prints the Bitácora CT-RG.02 as CSV: every action with who and when.
func bitacora(ctx context.Context, args []string, env Env, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bitacora", flag.ContinueOnError)
	fs.SetOutput(stderr)
	desde := fs.String("desde", "", "primer día (dd/mm/aaaa)")
	hasta := fs.String("hasta", "", "último día, inclusive (dd/mm/aaaa)")
	folio := fs.String("folio", "", "solo las entradas de un folio (CT-AAAA-NNNN)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := loadConfig(env.Config)
	if err != nil {
		return err
	}
	f := storage.LogFilter{Folio: *folio}
	if *desde != "" {
		if f.From, err = time.ParseInLocation("02/01/2006", *desde, cfg.location); err != nil {
			return fmt.Errorf("--desde %q: usa dd/mm/aaaa", *desde)
		}
	}
	if *hasta != "" {
		to, err := time.ParseInLocation("02/01/2006", *hasta, cfg.location)
		if err != nil {
			return fmt.Errorf("--hasta %q: usa dd/mm/aaaa", *hasta)
		}
		f.To = to.AddDate(0, 0, 1)
	}
	st, _, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	entries, err := st.Log(ctx, f)
	if err != nil {
		return fmt.Errorf("bitácora: %w", err)
	}
	names := map[string]string{}
	if people, err := st.People(ctx); err == nil {
		for _, p := range people {
			names[p.ID] = p.Name
		}
	}
	w := csv.NewWriter(stdout)
	_ = w.Write([]string{"fecha", "hora", "persona", "nombre", "rol", "folio", "accion", "detalle"})
	for _, e := range entries {
		at := e.At.In(cfg.location)
		_ = w.Write([]string{at.Format("02/01/2006"), at.Format("15:04:05"), e.Who, names[e.Who], string(e.Role), e.Folio, e.Action, e.Detail})
	}
	w.Flush()
	return errors.Join(w.Error())
}
