package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/conversations"
	"ctdesk/lib/calendar"
	"ctdesk/scheduler"
)

func jobCommand() *command {
	var at string
	return &command{name: "job", aliases: []string{"trabajo"},
		summary: "los trabajos programados (recordatorios, resumen, informe)",
		sub: []*command{{name: "run", aliases: []string{"correr"}, args: "NOMBRE",
			summary: "corre un trabajo programado una vez, ahora o como si fuera --at FECHA",
			help: `Corre una vez el trabajo NOMBRE, fuera de su horario, y dice qué mensajes envió. Los
nombres son los de schedules.cron: cuatrimestre (recordatorio del Programa CT-RG.01 al
iniciar un cuatrimestre), programa (avisos y folios del Programa CT-RG.01), informe (aviso,
recordatorios y escalamiento del Informe Trimestral DP-RG.02), resumen (resumen diario a la
coordinación) y seguimiento (recordatorios de visto bueno y de fechas vencidas).

Corre bajo el candado del trabajo en el almacén, así que no se cruza con el servicio en
marcha ni con otra réplica, y no cambia su última ejecución: su horario sigue igual. Un
mensaje que ese trabajo ya había enviado no se repite. Los mensajes quedan en el buzón de
salida: el servicio en marcha los entrega (o al arrancar).`,
			setup: func(fs *flag.FlagSet) runFunc {
				fs.StringVar(&at, "at", "", "corre el trabajo como si fuera `FECHA`: «30/09/2026 18:00», o «30/09/2026» (a las 09:00)")
				return func(c *call) error { return jobRun(c, at) }
			}}}}
}

// jobRun runs one scheduled job once: `ctdesk job run NAME [--at FECHA]`.
func jobRun(c *call, at string) error {
	if len(c.args) != 1 {
		return fmt.Errorf("falta el nombre del trabajo: ctdesk job run NOMBRE (%s)", strings.Join(config.JobNames(), ", "))
	}
	name := c.args[0]
	env, err := c.env()
	if err != nil {
		return err
	}
	cfg, err := config.Load(env.Config)
	if err != nil {
		return err
	}
	now := c.now()
	if at != "" {
		if now, err = jobTime(at, now, cfg.Location()); err != nil {
			return err
		}
	}
	st, _, err := openStore(c.ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed(c.ctx, cfg, st); err != nil {
		return err
	}
	clock := func() time.Time { return now }
	engine, err := newEngine(cfg, st, clock)
	if err != nil {
		return err
	}
	log, err := c.logger()
	if err != nil {
		return err
	}
	rec := &recordingEngine{Engine: engine}
	jobs, err := newScheduler(&service{cfg: cfg, log: log, store: st}, rec, clock)
	if err != nil {
		return err
	}
	switch err := jobs.RunJob(c.ctx, name); {
	case errors.Is(err, scheduler.ErrNoJob):
		fmt.Fprintf(c.stderr, "ctdesk job run: no hay un trabajo «%s».%s\nLos trabajos son: %s.\n", name, suggest(name, config.JobNames()), strings.Join(config.JobNames(), ", "))
		return errUsage
	case errors.Is(err, scheduler.ErrBusy):
		return fmt.Errorf("el trabajo %s ya está corriendo en el servicio o en otra réplica; inténtalo en unos minutos", name)
	case err != nil:
		return err
	}
	rec.report(c.stdout, name, now.In(cfg.Location()))
	return nil
}

// jobTime reads --at: a date as staff type them, and optionally a time.
func jobTime(at string, now time.Time, loc *time.Location) (time.Time, error) {
	t, err := calendar.ParseMoment(at, now, loc, 9)
	if err != nil {
		return time.Time{}, fmt.Errorf("--at «%s»: escribe la fecha como 30/09/2026 y, si quieres, la hora: «30/09/2026 18:00»", at)
	}
	return t, nil
}

// recordingEngine notes what a job posts, to say it afterwards.
type recordingEngine struct {
	*conversations.Engine
	mu   sync.Mutex
	sent []conversations.Message
}

// Post queues the messages and notes those that were new.
func (r *recordingEngine) Post(ctx context.Context, id string, msgs ...conversations.Message) (bool, error) {
	ok, err := r.Engine.Post(ctx, id, msgs...)
	if ok {
		r.mu.Lock()
		r.sent = append(r.sent, msgs...)
		r.mu.Unlock()
	}
	return ok, err
}

// report says what the job sent: each message's recipient and first line.
func (r *recordingEngine) report(w io.Writer, name string, at time.Time) {
	fmt.Fprintf(w, "Corrí el trabajo %s como el %s.\n", name, at.Format("02/01/2006 15:04"))
	if len(r.sent) == 0 {
		fmt.Fprintln(w, "No envió nada: no tocaba ningún aviso, o ya se había enviado.")
		return
	}
	fmt.Fprintln(w, conversations.Plural("es", "job.sent", len(r.sent)))
	for _, m := range r.sent {
		first, _, _ := strings.Cut(m.Text, "\n")
		files := ""
		if len(m.Files) > 0 {
			files = " " + conversations.Plural("es", "job.files", len(m.Files))
		}
		fmt.Fprintf(w, "→ %s: %s%s\n", m.To, first, files)
	}
}
