package panel

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"ctdesk/conversations/policy"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// kpiRow is one service's indicator as the page shows it.
type kpiRow struct {
	Name                        string
	Rate, OnTime                string
	Fulfilled, Base, OnTimeN    int
	Pending, Reschedules        int
	Rejected, Cancelled         int
	Below, Empty, Overall       bool
	RateValue, OnTimeValue      float64
	Requested, Programmed, Done int
}

type kpiData struct {
	Quarter  string
	Name     string
	Partial  bool
	Quarters []option
	Rows     []kpiRow
	Chart    template.HTML
	Target   string
}

// kpi shows the indicator of a quarter per service, against the 90 % goal.
func (p *Panel) kpi(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Indicator, rq.who) {
		p.notFound(w, r, rq, "", "indicador")
		return
	}
	cur := calendar.QuarterOf(rq.now.In(p.loc))
	q := cur
	if asked, err := calendar.ParseQuarter(r.URL.Query().Get("trimestre")); err == nil && !asked.Start(p.loc).After(rq.now) {
		q = asked
	}
	from, to := q.Start(p.loc), q.End(p.loc)
	ts, err := p.st.Tickets(r.Context(), storage.TicketFilter{CreatedFrom: from, CreatedTo: to})
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	k := report.SoFar(ts, from, to, rq.now, p.loc, p.eng.AwaitsApproval)
	l := lang(rq.lang)
	d := &kpiData{Quarter: q.String(), Name: q.Name(), Partial: k.Partial, Target: percent(report.Target, true)}
	for i, x := 0, cur; i < 8; i, x = i+1, x.Prev() {
		d.Quarters = append(d.Quarters, option{x.String(), x.Name()})
	}
	d.Rows = append(d.Rows, kpiOf(l.T("panel.kpi.all"), k.Overall, true))
	for _, s := range k.Services {
		d.Rows = append(d.Rows, kpiOf(l.T("svc."+s.Service), s.Counts, false))
	}
	d.Chart = chart(l, d.Rows)
	pg := p.newPage(rq, "panel.nav.kpi", "panel.kpi.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "kpi", pg)
}

func kpiOf(name string, c report.Counts, overall bool) kpiRow {
	rate, ok := c.Rate()
	on, onOK := c.OnTimeRate()
	return kpiRow{Name: name, Rate: percent(rate, ok), OnTime: percent(on, onOK), Fulfilled: c.Fulfilled, Base: c.Base(),
		OnTimeN: c.OnTime, Pending: c.Pending, Reschedules: c.Reschedules, Rejected: c.Rejected, Cancelled: c.Cancelled,
		Below: c.BelowTarget(), Empty: !ok, Overall: overall, RateValue: rate, OnTimeValue: on,
		Requested: c.Requested, Programmed: c.Programmed}
}

// percent writes a rate as the report does ("92.3 %"), "—" without one.
func percent(r float64, ok bool) string {
	if !ok {
		return "—"
	}
	return strings.Replace(fmt.Sprintf("%.1f %%", 100*r), ".0 %", " %", 1)
}

// chart draws the indicator per service as horizontal bars against the
// goal, in SVG written on the server: each bar the cumplimiento, a thin
// one under it the on-time delivery, and a dashed line at 90 %. Every
// text in it is escaped.
func chart(l lang, rows []kpiRow) template.HTML {
	const (
		left, width, barH, gap, top = 230.0, 470.0, 14.0, 18.0, 30.0
	)
	h := top + float64(len(rows))*(2*barH+gap) + 10
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`,
		left+width+150, h, template.HTMLEscapeString(l.T("panel.kpi.chart")))
	for _, x := range []float64{0, 0.25, 0.5, 0.75, 1} {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/>`, left+x*width, top-8, left+x*width, h-6)
		fmt.Fprintf(&b, `<text class="axis" x="%.1f" y="%.0f">%.0f %%</text>`, left+x*width, top-12, x*100)
	}
	for i, r := range rows {
		y := top + float64(i)*(2*barH+gap)
		cls := "bar ok"
		if r.Below {
			cls = "bar low"
		}
		if r.Empty {
			cls = "bar none"
		}
		name := template.HTMLEscapeString(r.Name)
		if r.Overall {
			fmt.Fprintf(&b, `<text class="label strong" x="%.0f" y="%.1f">%s</text>`, left-10, y+barH-3, name)
		} else {
			fmt.Fprintf(&b, `<text class="label" x="%.0f" y="%.1f">%s</text>`, left-10, y+barH-3, name)
		}
		fmt.Fprintf(&b, `<rect class="track" x="%.0f" y="%.1f" width="%.0f" height="%.0f" rx="3"/>`, left, y, width, barH)
		fmt.Fprintf(&b, `<rect class="%s" x="%.0f" y="%.1f" width="%.1f" height="%.0f" rx="3"/>`, cls, left, y, r.RateValue*width, barH)
		fmt.Fprintf(&b, `<rect class="bar ontime" x="%.0f" y="%.1f" width="%.1f" height="%.0f" rx="2"/>`, left, y+barH+3, r.OnTimeValue*width, barH/2)
		value := r.Rate
		if !r.Empty {
			value += fmt.Sprintf(" (%d/%d)", r.Fulfilled, r.Base)
		}
		fmt.Fprintf(&b, `<text class="value" x="%.0f" y="%.1f">%s</text>`, left+width+6, y+barH-3, template.HTMLEscapeString(value))
	}
	x := left + report.Target*width
	fmt.Fprintf(&b, `<line class="target" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"/>`, x, top-4, x, h-6)
	fmt.Fprintf(&b, `<text class="target-label" x="%.1f" y="%.0f">%s</text>`, x+4, h-8, template.HTMLEscapeString(l.T("panel.kpi.goal")))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// reportsData lists the quarters whose report DP-RG.02 may be downloaded.
type reportsData struct {
	Quarters []quarterLine
}

type quarterLine struct {
	Key, Name string
	Due       string
	Draft     bool
}

// reports lists the quarterly reports to download.
func (p *Panel) reports(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Report, rq.who) {
		p.notFound(w, r, rq, "", "informes")
		return
	}
	d := &reportsData{}
	cur := calendar.QuarterOf(rq.now.In(p.loc))
	for i, q := 0, cur; i < 8; i, q = i+1, q.Prev() {
		d.Quarters = append(d.Quarters, quarterLine{Key: q.String(), Name: q.Name(),
			Due: dayOf(p.cfg.Calendar.ReportDue(q), p.loc), Draft: q == cur})
	}
	pg := p.newPage(rq, "panel.nav.reports", "panel.reports.title")
	pg.Data = d
	p.render(w, r, http.StatusOK, "reports", pg)
}

// reportFile builds and sends the report DP-RG.02 of a quarter, as PDF or CSV.
func (p *Panel) reportFile(w http.ResponseWriter, r *http.Request, rq *request) {
	if !policy.MayUse(policy.Report, rq.who) {
		p.notFound(w, r, rq, "", "informes")
		return
	}
	name := r.PathValue("file")
	base, ext, _ := strings.Cut(strings.TrimPrefix(name, "DP-RG.02_"), ".")
	q, err := calendar.ParseQuarter(base)
	if err != nil || (ext != "pdf" && ext != "csv") || q.Start(p.loc).After(rq.now) {
		p.notFound(w, r, rq, "", "")
		return
	}
	rep, err := report.Build(r.Context(), p.st, report.Config{Institution: p.cfg.Institution, Location: p.loc,
		Calendar: p.cfg.Calendar, People: rq.dir.Name, Areas: rq.dir.AreaName}, q, rq.now)
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	var b strings.Builder
	kind := "application/pdf"
	if ext == "csv" {
		kind = "text/csv; charset=utf-8"
		err = report.WriteCSV(&b, rep)
	} else {
		err = report.WritePDF(&b, rep)
	}
	if err != nil {
		p.fail(w, r, rq.lang, err)
		return
	}
	file := "DP-RG.02_" + q.String()
	if rep.KPI.Partial {
		file += "_preliminar"
	}
	download(w, file+"."+ext, kind, []byte(b.String()))
}
