package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/conversations/texts"
	"ctdesk/storage"
)

func bitacoraCommand() *command {
	return &command{name: "bitacora", aliases: []string{"bitácora"},
		summary: "imprime la Bitácora CT-RG.02 en CSV (puede correr mientras el servicio atiende)",
		setup: func(fs *flag.FlagSet) runFunc {
			desde := fs.String("desde", "", "primer día, `dd/mm/aaaa`")
			hasta := fs.String("hasta", "", "último día, inclusive, `dd/mm/aaaa`")
			folio := fs.String("folio", "", "solo las entradas de un folio, `CT-AAAA-NNNN`")
			return func(c *call) error { return bitacora(c, *desde, *hasta, *folio) }
		}}
}

// bitacora prints the Bitácora CT-RG.02 as CSV: every action with who and when.
func bitacora(c *call, desde, hasta, folio string) error {
	ctx, stdout := c.ctx, c.stdout
	env, err := c.env()
	if err != nil {
		return err
	}
	if len(c.args) > 0 {
		return fmt.Errorf("bitacora no lleva argumentos (sobra «%s»); filtra con --desde, --hasta o --folio", c.args[0])
	}
	cfg, err := config.Load(env.Config)
	if err != nil {
		return err
	}
	f := storage.LogFilter{Folio: folio}
	if desde != "" {
		if f.From, err = time.ParseInLocation("02/01/2006", desde, cfg.Location()); err != nil {
			return fmt.Errorf("--desde %s: escribe la fecha como dd/mm/aaaa, p. ej. 01/07/2026", desde)
		}
	}
	if hasta != "" {
		to, err := time.ParseInLocation("02/01/2006", hasta, cfg.Location())
		if err != nil {
			return fmt.Errorf("--hasta %s: escribe la fecha como dd/mm/aaaa, p. ej. 30/09/2026", hasta)
		}
		f.To = to.AddDate(0, 0, 1)
	}
	st, note, err := openReadStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	if note != "" {
		fmt.Fprintln(c.stderr, note)
	}
	entries, err := st.Log(ctx, f)
	if err != nil {
		return fmt.Errorf("no pude leer la bitácora: %w", err)
	}
	names := map[string]string{}
	if people, err := st.People(ctx); err == nil {
		for _, p := range people {
			names[p.ID] = p.Name
		}
	}
	services := folioServices(ctx, st)
	labels := texts.Labels{Lang: "es"}
	w := csv.NewWriter(stdout)
	_ = w.Write([]string{"fecha", "hora", "persona", "nombre", "rol", "folio", "acción", "detalle"})
	for _, e := range entries {
		at := e.At.In(cfg.Location())
		_ = w.Write([]string{at.Format("02/01/2006"), at.Format("15:04:05"), e.Who, names[e.Who],
			labels.Role(string(e.Role)), e.Folio, labels.Action(services(e.Folio), e.Action), e.Detail})
	}
	w.Flush()
	return errors.Join(w.Error())
}

// folioServices returns the service of a folio, read once per folio, so an
// action is named as its service names it; "" when the folio is unknown.
func folioServices(ctx context.Context, st storage.Tickets) func(folio string) string {
	known := map[string]string{}
	return func(folio string) string {
		if folio == "" {
			return ""
		}
		if svc, ok := known[folio]; ok {
			return svc
		}
		tk, err := st.Ticket(ctx, folio)
		if err == nil {
			known[folio] = tk.Service
		} else {
			known[folio] = ""
		}
		return known[folio]
	}
}
