package report

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Source is what the report reads; storage.Store satisfies it.
type Source interface {
	// Tickets lists the tickets matching f.
	Tickets(ctx context.Context, f storage.TicketFilter) ([]storage.Ticket, error)
	// Log lists the bitácora entries matching f.
	Log(ctx context.Context, f storage.LogFilter) ([]storage.LogEntry, error)
	// File returns an attachment's bytes, or an error wrapping storage.ErrNotFound.
	File(ctx context.Context, id string) (storage.File, error)
	// PlanItems lists the CT-RG.01 items planned in [from, to).
	PlanItems(ctx context.Context, from, to time.Time) ([]storage.PlanItem, error)
}

var _ Source = storage.Store(nil)

// DefaultServiceNames are the services' names as the procedure writes them.
var DefaultServiceNames = map[string]string{
	"mantenimiento":   "Mantenimiento de infraestructura tecnológica",
	"web":             "Actualización del sitio web",
	"correo":          "Cuentas de correo electrónico",
	"diseno":          "Diseño gráfico",
	"control-escolar": "Sistema de control escolar",
}

// DefaultMaxPhotos bounds the photo memory when Config.MaxPhotos is 0.
const DefaultMaxPhotos = 60

// Report is the Informe Trimestral DP-RG.02 of one quarter.
type Report struct {
	Institution string
	Quarter     calendar.Quarter
	Location    *time.Location
	// From and To bound the quarter, [From, To); LastDay is its last day.
	From, To, LastDay time.Time
	// Due is the day the report must be delivered by (procedure 3.8).
	Due       time.Time
	Generated time.Time
	KPI       KPI
	// ServiceNames has a name for every service in KPI.Services.
	ServiceNames map[string]string
	Tickets      []TicketRow
	Satisfaction Satisfaction
	Program      Progress
	Photos       []Photo
	// PhotoNotes explain photos left out (unreadable, missing, over the
	// limit) or how they were chosen.
	PhotoNotes []string
	// Actions counts the bitácora entries of the quarter by action, most first.
	Actions    []ActionCount
	LogEntries int
	Narrative  Narrative
	Signer     Signer
	PaperSize  string
}

// TicketRow is one ticket of the quarter as the report lists it.
type TicketRow struct {
	Folio, Service, ServiceName, Area, AreaName string
	Requester, RequesterName                    string
	// Status is the code; StatusName, as people read it.
	Status, StatusName   string
	Programmed           bool
	Created, Due, Closed time.Time // Due and Closed may be zero
	Reschedules          int
	// Result is the ticket's place in the indicator, in Spanish: "cumplido a
	// tiempo", "cumplido fuera de tiempo", "pendiente", "en espera de visto
	// bueno", "rechazado", "cancelado".
	Result string
}

// ActionCount is how many bitácora entries of one action the quarter has.
type ActionCount struct {
	Action string // the code
	Label  string // as people read it
	Count  int
}

// Build gathers the report of quarter q as it stands at now. A report built
// before the quarter ends is a draft: its KPI is Partial.
func Build(ctx context.Context, src Source, cfg Config, q calendar.Quarter, now time.Time) (*Report, error) {
	cal, loc := cfg.Calendar, cfg.Location
	switch {
	case cal == nil && loc == nil:
		loc = time.UTC
		cal = calendar.New(loc)
	case cal == nil:
		cal = calendar.New(loc)
	case loc == nil:
		loc = cal.Location()
	}
	if cfg.Labels == nil {
		cfg.Labels = codes{}
	}
	r := &Report{
		Institution: cfg.Institution,
		Quarter:     q,
		Location:    loc,
		From:        q.Start(loc),
		To:          q.End(loc),
		LastDay:     q.LastDay(loc),
		Due:         cal.ReportDue(q),
		Generated:   now.In(loc),
		Narrative:   cfg.Narrative,
		Signer:      Signer{Name: cfg.Signer.Name, Position: cmp.Or(cfg.Signer.Position, DefaultPosition)},
		PaperSize:   cmp.Or(cfg.PaperSize, "Letter"),
	}
	tickets, err := src.Tickets(ctx, storage.TicketFilter{CreatedFrom: r.From, CreatedTo: r.To})
	if err != nil {
		return nil, fmt.Errorf("report: tickets of %s: %w", q, err)
	}
	slices.SortStableFunc(tickets, func(a, b storage.Ticket) int {
		return cmp.Or(a.Created.Compare(b.Created), cmp.Compare(a.Folio, b.Folio))
	})
	tickets = slices.DeleteFunc(tickets, func(t storage.Ticket) bool { return t.Created.Before(r.From) || !t.Created.Before(r.To) })
	r.KPI = SoFar(tickets, r.From, r.To, now, loc, cfg.Awaiting)
	r.ServiceNames = serviceNames(cfg.ServiceNames, r.KPI.Services)
	for i := range tickets {
		r.Tickets = append(r.Tickets, r.row(&tickets[i], cfg, now))
	}
	r.Satisfaction = ratings(tickets, r.KPI.Services)
	items, err := src.PlanItems(ctx, r.From, r.To)
	if err != nil {
		return nil, fmt.Errorf("report: CT-RG.01 of %s: %w", q, err)
	}
	r.Program = progress(items, tickets, r.end(now), loc, cfg)
	if err := r.collectPhotos(ctx, src, tickets, cmp.Or(cfg.MaxPhotos, DefaultMaxPhotos)); err != nil {
		return nil, err
	}
	entries, err := src.Log(ctx, storage.LogFilter{From: r.From, To: r.To})
	if err != nil {
		return nil, fmt.Errorf("report: bitácora of %s: %w", q, err)
	}
	r.LogEntries, r.Actions = len(entries), countActions(entries, cfg.Labels)
	return r, nil
}

// end is when the period's figures stop: its end, or now for a draft.
func (r *Report) end(now time.Time) time.Time {
	if now.Before(r.To) {
		return now
	}
	return r.To
}

func (r *Report) row(t *storage.Ticket, cfg Config, now time.Time) TicketRow {
	o := classify(t, r.end(now), r.Location, cfg.Awaiting)
	row := TicketRow{
		Folio: t.Folio, Service: t.Service, ServiceName: r.ServiceNames[t.Service],
		Area: t.Area, AreaName: name(cfg.Areas, t.Area),
		Requester: t.Requester, RequesterName: name(cfg.People, t.Requester),
		Status: t.Status, StatusName: cfg.Labels.Status(t.Service, t.Status), Programmed: t.Programmed,
		Created: t.Created, Due: t.DueDate(), Closed: o.closedAt,
		Reschedules: o.reschedules,
	}
	switch {
	case o.rejected:
		row.Result = "rechazado"
	case o.cancelled:
		row.Result = "cancelado"
	case o.awaiting:
		row.Result = "en espera de visto bueno"
	case o.fulfilled && o.onTime:
		row.Result = "cumplido a tiempo"
	case o.fulfilled:
		row.Result = "cumplido fuera de tiempo"
	default:
		row.Result = "pendiente"
	}
	return row
}

func serviceNames(cfg map[string]string, services []ServiceCounts) map[string]string {
	names := make(map[string]string, len(services))
	for _, s := range services {
		names[s.Service] = cmp.Or(cfg[s.Service], DefaultServiceNames[s.Service], s.Service)
	}
	return names
}

func name(f func(string) string, id string) string {
	if f == nil {
		return id
	}
	return cmp.Or(f(id), id)
}

func countActions(entries []storage.LogEntry, labels Labels) []ActionCount {
	n := map[string]int{}
	for _, e := range entries {
		n[e.Action]++
	}
	out := make([]ActionCount, 0, len(n))
	for a, c := range n {
		out = append(out, ActionCount{Action: a, Label: labels.Action("", a), Count: c})
	}
	slices.SortFunc(out, func(a, b ActionCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Label, b.Label))
	})
	return out
}

// isNotFound reports a missing file, which leaves a note instead of failing.
func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
