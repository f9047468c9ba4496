package config

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"ctdesk/scheduler"
	"ctdesk/storage"
)

// WriteSummary shows what a valid configuration sets up.
func WriteSummary(w io.Writer, cfg *Config, now time.Time) {
	fmt.Fprintf(w, "%s es válido.\n\n", cfg.source)
	fmt.Fprintf(w, "Institución: %s (zona horaria %s, idioma %s)\n", cfg.Institution, cfg.Timezone, cfg.Language)
	names := map[string]string{}
	byRole := map[storage.Role][]string{}
	for _, p := range cfg.People {
		names[p.ID] = p.Name
		byRole[p.role()] = append(byRole[p.role()], p.ID)
	}
	fmt.Fprintf(w, "\nPersonas (%d):\n", len(cfg.People))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, r := range []struct {
		role       storage.Role
		one, other string
	}{
		{storage.RoleCoordinador, "coordinador", "coordinadores"}, {storage.RoleTecnico, "técnico", "técnicos"},
		{storage.RoleSupervisor, "jefe inmediato", "jefes inmediatos"}, {storage.RoleAutoridad, "autoridad", "autoridades"},
		{storage.RoleUsuario, "usuario", "usuarios"},
	} {
		ids := byRole[r.role]
		fmt.Fprintf(tw, "  %d %s\t%s\n", len(ids), plural(len(ids), r.one, r.other), strings.Join(ids, ", "))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nÁreas (%d) y su jefe inmediato:\n", len(cfg.Areas))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range cfg.Areas {
		fmt.Fprintf(tw, "  %s\t%s\t%s (%s)\n", a.ID, a.Name, names[a.Supervisor], a.Supervisor)
	}
	tw.Flush()
	fmt.Fprint(w, "\nVisto bueno por servicio:\n")
	for _, line := range approvalSummary(cfg.Language, cfg.Approvals) {
		fmt.Fprintf(w, "  %s\n", line)
	}
	if len(cfg.ClosedDays) > 0 {
		fmt.Fprint(w, "\nDías sin labores además de los feriados oficiales:\n")
		for _, d := range cfg.ClosedDays {
			from, to, _ := d.days()
			fmt.Fprintf(w, "  %s: del %s al %s\n", d.Name, from.Format("02/01/2006"), to.Format("02/01/2006"))
		}
	}
	writeNextRuns(w, cfg, now)
}

// writeNextRuns lists each scheduled job with its next run.
func writeNextRuns(w io.Writer, cfg *Config, now time.Time) {
	s, err := scheduler.New(cfg.SchedulerConfig(), nil, nil, nil)
	if err != nil {
		return
	}
	specs := s.Jobs()
	fmt.Fprintf(w, "\nPróxima ejecución de cada trabajo (hora de %s):\n", cfg.Timezone)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, name := range jobNames {
		spec, ok := specs[name]
		if !ok {
			continue
		}
		sched, err := scheduler.ParseSpec(spec)
		if err != nil {
			continue
		}
		next := sched.Next(now.In(cfg.location))
		fmt.Fprintf(tw, "  %s\t%s %s\t(cron %s)\t%s\n", name, weekdays[next.Weekday()], next.Format("02/01/2006 15:04"), spec, jobPurpose[name])
	}
	tw.Flush()
}

var weekdays = [...]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"}

var jobPurpose = map[string]string{
	scheduler.JobCuatrimestre: "recordar a la coordinación el Programa CT-RG.01",
	scheduler.JobProgram:      "avisos y folios del Programa CT-RG.01",
	scheduler.JobReport:       "aviso y recordatorios del Informe DP-RG.02",
	scheduler.JobDigest:       "resumen diario a la coordinación",
	scheduler.JobFollowUp:     "recordatorios de visto bueno y de fechas vencidas",
}

// plural picks the word for n.
func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}
