package conversations

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// reportSource is what building the report DP-RG.02 needs of the store.
type reportSource interface {
	report.Source
	storage.Files
}

// ReportFiles builds the report DP-RG.02 of a quarter as it stands at now,
// stores its PDF and CSV, and returns them ready to send.
func ReportFiles(ctx context.Context, src reportSource, cfg report.Config, q calendar.Quarter, now time.Time) (*report.Report, []OutFile, error) {
	r, err := report.Build(ctx, src, cfg, q, now)
	if err != nil {
		return nil, nil, err
	}
	var pdf, csv bytes.Buffer
	if err := report.WritePDF(&pdf, r); err != nil {
		return nil, nil, err
	}
	if err := report.WriteCSV(&csv, r); err != nil {
		return nil, nil, err
	}
	base := "DP-RG.02_" + q.String()
	if r.KPI.Partial {
		base += "_preliminar"
	}
	var out []OutFile
	for _, f := range []storage.File{
		{Name: base + ".pdf", MIME: "application/pdf", Data: pdf.Bytes()},
		{Name: base + ".csv", MIME: "text/csv", Data: csv.Bytes()},
	} {
		f.Size, f.Created = int64(len(f.Data)), now
		id, err := src.PutFile(ctx, f)
		if err != nil {
			return nil, nil, fmt.Errorf("conversations: keep %s: %w", f.Name, err)
		}
		out = append(out, OutFile{ID: id, Name: f.Name})
	}
	return r, out, nil
}

// reportConfig names things in the report as the directory does.
func (t *turn) reportConfig() report.Config {
	return report.Config{
		Institution: t.e.cfg.Institution,
		Location:    t.e.cfg.Location,
		Calendar:    t.e.cfg.Calendar,
		People:      t.dir.Name,
		Areas:       t.dir.AreaName,
	}
}

// coordinatorQuarter checks that the coordinator asks and reads the quarter
// named in a command (default: the one whose report is due); when it returns
// false the person was already answered.
func (t *turn) coordinatorQuarter(ctx context.Context, what, arg string) (calendar.Quarter, bool, error) {
	if !policy.MayUse(policy.Report, t.who) {
		t.reply(t.tr("staff.forbidden"))
		return calendar.Quarter{}, false, t.refuse(ctx, "", what, what)
	}
	if arg == "" {
		return t.reportQuarter(), true, nil
	}
	q, err := calendar.ParseQuarter(arg)
	if err != nil {
		t.reply(t.tr("report.quarter.invalid", arg))
		return calendar.Quarter{}, false, nil
	}
	return q, true, nil
}

// reportCommand answers /informe [2026Q3]: the report DP-RG.02 as PDF and
// CSV, a draft while the quarter runs. Coordinator only.
func (t *turn) reportCommand(ctx context.Context, arg string) error {
	q, ok, err := t.coordinatorQuarter(ctx, "informe", arg)
	if !ok {
		return err
	}
	if q.Start(t.e.cfg.Location).After(t.now) {
		t.reply(t.tr("report.future", q.Name()))
		return nil
	}
	r, files, err := ReportFiles(ctx, t.e.st, t.reportConfig(), q, t.now)
	if err != nil {
		return err
	}
	key := "report.sent"
	if r.KPI.Partial {
		key = "report.sent.draft"
	}
	text := t.tr(key, q.Name(), r.Due.Format(dateShown)) + "\n\n" + KPIText(t.lang, r.KPI)
	var bs [][]Button
	if !r.KPI.Partial {
		if _, done, err := ReportDelivered(ctx, t.e.st, q); err == nil && !done {
			bs = append(bs, []Button{DeliveredButton(t.lang, q)})
		}
	}
	t.out = append(t.out, Message{To: t.recipient(), Text: text, Buttons: bs, Files: files})
	return nil
}

// kpiCommand answers /kpi: the indicator of the quarter so far. Staff only.
func (t *turn) kpiCommand(ctx context.Context) error {
	if !policy.MayUse(policy.Indicator, t.who) {
		t.reply(t.tr("staff.forbidden"))
		return t.refuse(ctx, "", "kpi", "kpi")
	}
	loc := t.e.cfg.Location
	q := calendar.QuarterOf(t.now.In(loc))
	from, to := q.Start(loc), q.End(loc)
	ts, err := t.e.st.Tickets(ctx, storage.TicketFilter{CreatedFrom: from, CreatedTo: to})
	if err != nil {
		return fmt.Errorf("conversations: kpi: %w", err)
	}
	t.reply(KPIText(t.lang, report.SoFar(ts, from, to, t.now, loc)))
	return nil
}

// KPIText explains the indicator (procedure §4) of a period in a language:
// the cumplimiento against the 90 % target, on-time delivery, reschedules,
// the figures per service, and a warning when it falls short.
func KPIText(lang string, k report.KPI) string {
	var b strings.Builder
	last := k.To.AddDate(0, 0, -1)
	b.WriteString(texts.Text(lang, "kpi.title", k.From.Format(dateShown), last.Format(dateShown)))
	if k.Partial {
		b.WriteString(" " + texts.Text(lang, "kpi.sofar"))
	}
	c := k.Overall
	if r, ok := c.Rate(); ok {
		b.WriteString("\n" + texts.Text(lang, "kpi.rate", pct(r), c.Fulfilled, c.Base(), c.Requested, c.Programmed))
	} else {
		b.WriteString("\n" + texts.Text(lang, "kpi.nobase"))
	}
	if r, ok := c.OnTimeRate(); ok {
		b.WriteString("\n" + texts.Text(lang, "kpi.ontime", pct(r), c.OnTime, c.Fulfilled))
	}
	b.WriteString("\n" + texts.Text(lang, "kpi.more", c.Pending, c.Reschedules, c.Rejected, c.Cancelled))
	for _, s := range k.Services {
		if s.Base() == 0 {
			continue
		}
		r, _ := s.Rate()
		b.WriteString("\n• " + texts.Text(lang, "svc."+s.Service) + ": " + texts.Text(lang, "kpi.service", s.Fulfilled, s.Base(), pct(r)))
	}
	switch {
	case c.BelowTarget() && k.Partial:
		b.WriteString("\n\n" + texts.Text(lang, "kpi.warn.projected"))
	case c.BelowTarget():
		b.WriteString("\n\n" + texts.Text(lang, "kpi.warn.below"))
	}
	return b.String()
}

// pct shows a rate as a percentage with one decimal, the way the report does.
func pct(r float64) string {
	return strings.Replace(fmt.Sprintf("%.1f %%", 100*r), ".0 %", " %", 1)
}
