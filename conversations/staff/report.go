package staff

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// ReportSource is what building the report DP-RG.02 needs of a store: the
// records, and the coordinator's note kept among the values.
type ReportSource interface {
	report.Source
	storage.Values
}

// ReportStore is what sending the report DP-RG.02 needs of a store: what
// building it reads, and the files that keep its PDF and CSV.
type ReportStore interface {
	ReportSource
	storage.Files
}

// BuildReport builds the report DP-RG.02 of a quarter as it stands at now,
// with the coordinator's note for it.
func BuildReport(ctx context.Context, src ReportSource, cfg report.Config, q calendar.Quarter, now time.Time) (*report.Report, error) {
	n, ok, err := ReportNote(ctx, src, q)
	if err != nil {
		return nil, err
	}
	if ok {
		cfg.Narrative = report.Narrative{Text: n.Text, By: name(cfg.People, n.By), At: n.At}
	}
	return report.Build(ctx, src, cfg, q, now)
}

// ReportFiles builds the report DP-RG.02 of a quarter as it stands at now,
// stores its PDF and CSV, and returns them ready to send.
func ReportFiles(ctx context.Context, src ReportStore, cfg report.Config, q calendar.Quarter, now time.Time) (*report.Report, []chat.OutFile, error) {
	r, err := BuildReport(ctx, src, cfg, q, now)
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
	var out []chat.OutFile
	for _, f := range []storage.File{
		{Name: base + ".pdf", MIME: "application/pdf", Data: pdf.Bytes()},
		{Name: base + ".csv", MIME: "text/csv", Data: csv.Bytes()},
	} {
		f.Size, f.Created = int64(len(f.Data)), now
		id, err := src.PutFile(ctx, f)
		if err != nil {
			return nil, nil, fmt.Errorf("staff: keep %s: %w", f.Name, err)
		}
		out = append(out, chat.OutFile{ID: id, Name: f.Name})
	}
	return r, out, nil
}

// Report answers /informe [3T-2026]: the report DP-RG.02 as PDF and CSV, a
// draft while the quarter runs, with the button that marks it delivered
// once the quarter ended; /informe nota … is Note. Coordinator only.
func Report(ctx context.Context, env Env, req Request) (Answer, error) {
	if word, rest, _ := strings.Cut(req.Arg, " "); strings.EqualFold(word, "nota") {
		req.Arg = strings.TrimSpace(rest)
		return Note(ctx, env, req)
	}
	q, no := quarterAsked(env, req, "informe")
	if no != nil {
		return *no, nil
	}
	if q.Start(env.Location).After(req.Now) {
		return Answer{Text: texts.Text(req.Lang, "report.future", q.Name())}, nil
	}
	r, files, err := ReportFiles(ctx, env.Store, env.Report, q, req.Now)
	if err != nil {
		return Answer{}, err
	}
	key := "report.sent"
	if r.KPI.Partial {
		key = "report.sent.draft"
	}
	a := Answer{Text: texts.Text(req.Lang, key, q.Name(), r.Due.Format(calendar.Layout)) + "\n\n" + KPIText(req.Lang, r.KPI), Files: files}
	if r.Narrative.Text == "" {
		a.Text += "\n\n" + texts.Text(req.Lang, "report.note.hint", q.String())
	}
	if !r.KPI.Partial {
		if _, done, err := ReportDelivered(ctx, env.Store, q); err == nil && !done {
			a.Buttons = [][]chat.Button{{DeliveredButton(req.Lang, q)}}
		}
	}
	return a, nil
}

// KPI answers /kpi: the indicator of the quarter so far. CT staff only.
func KPI(ctx context.Context, env Env, req Request) (Answer, error) {
	if !policy.MayUse(policy.Indicator, req.Who) {
		return refused(req.Lang, "kpi", "staff.forbidden"), nil
	}
	loc := env.Location
	q := calendar.QuarterOf(req.Now.In(loc))
	from, to := q.Start(loc), q.End(loc)
	ts, err := env.Store.Tickets(ctx, storage.TicketFilter{CreatedFrom: from, CreatedTo: to})
	if err != nil {
		return Answer{}, fmt.Errorf("staff: kpi: %w", err)
	}
	return Answer{Text: KPIText(req.Lang, report.SoFar(ts, from, to, req.Now, loc, env.Report.Awaiting))}, nil
}

// KPIText explains the indicator (procedure §4) of a period in a language:
// the cumplimiento against the 90 % target, on-time delivery, reschedules,
// the figures per service, and a warning when it falls short.
func KPIText(lang string, k report.KPI) string {
	var b strings.Builder
	last := k.To.AddDate(0, 0, -1)
	b.WriteString(texts.Text(lang, "kpi.title", k.From.Format(calendar.Layout), last.Format(calendar.Layout)))
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
	if c.Awaiting > 0 {
		b.WriteString("\n" + texts.Text(lang, "kpi.awaiting", c.Awaiting))
	}
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
