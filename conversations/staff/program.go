package staff

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/lib/program"
	"ctdesk/storage"
)

// ProgramStore is what importing the CT-RG.01 program needs of a store.
type ProgramStore interface {
	storage.Plan
	storage.Directory
}

// ProgramImport is the outcome of importing a CT-RG.01 file.
type ProgramImport struct {
	// Items are the items stored, by date; none when there were problems.
	Items        []storage.PlanItem
	New, Updated int
	// Problems are the file's errors, by line; when any, nothing was stored.
	Problems []program.Problem
}

// ProgramFile is a CT-RG.01 file to import, as someone gave it.
type ProgramFile struct {
	Name string
	Data []byte
	// By is who imports it; Now, when.
	By  string
	Now time.Time
	// Dates says what to do with new items planned on days without work
	// (program.DatesAsk, DatesMove or DatesKeep).
	Dates string
}

// ImportProgram reads a CT-RG.01 file (CSV or YAML) and, when every row is
// valid, stores its items; re-importing a file replaces its items and keeps
// the reminders and tickets already made for them. A new item planned on a
// weekend, a holiday or a closed day is a problem, with the next business
// day, unless f.Dates says to move or keep it.
func ImportProgram(ctx context.Context, st ProgramStore, cal *calendar.Calendar, f ProgramFile) (ProgramImport, error) {
	var res ProgramImport
	rows, probs := program.Read(f.Name, f.Data)
	if len(probs) > 0 {
		res.Problems = probs
		return res, nil
	}
	areas, err := st.Areas(ctx)
	if err != nil {
		return res, fmt.Errorf("staff: program: areas: %w", err)
	}
	people, err := st.People(ctx)
	if err != nil {
		return res, fmt.Errorf("staff: program: people: %w", err)
	}
	old, err := st.PlanItems(ctx, time.Time{}, time.Time{})
	if err != nil {
		return res, fmt.Errorf("staff: program: items: %w", err)
	}
	existing := make(map[string]storage.PlanItem, len(old))
	for _, it := range old {
		existing[it.ID] = it
	}
	items, probs := program.Check(rows, program.Import{Dir: program.Directory{Areas: areas, People: people},
		Existing: existing, Calendar: cal, Now: f.Now, By: f.By, Dates: f.Dates})
	if len(probs) > 0 {
		res.Problems = probs
		return res, nil
	}
	if err := st.PutPlanItems(ctx, items...); err != nil {
		return res, fmt.Errorf("staff: program: store: %w", err)
	}
	for _, it := range items {
		if _, ok := existing[it.ID]; ok {
			res.Updated++
		} else {
			res.New++
		}
	}
	res.Items = items
	return res, nil
}

// ProgramProblems explains a file's problems, one per line, in a language.
func ProgramProblems(lang string, probs []program.Problem) string {
	var b strings.Builder
	for i, p := range probs {
		if i == 20 {
			b.WriteString("\n" + texts.Plural(lang, "program.err.more", len(probs)-i))
			break
		}
		if i > 0 {
			b.WriteString("\n")
		}
		var text string
		switch p.Kind {
		case program.ErrDuplicate:
			text = texts.Text(lang, "program.err.duplicate", p.Value, p.Other)
		case program.ErrEmpty, program.ErrEquipment:
			text = texts.Text(lang, "program.err."+p.Kind)
		case program.ErrClosedDay:
			text = closedDayText(lang, p)
		default:
			text = texts.Text(lang, "program.err."+p.Kind, p.Value)
		}
		if p.Line > 0 {
			text = texts.Text(lang, "program.err.line", p.Line) + " " + text
		}
		b.WriteString("• " + text)
	}
	return b.String()
}

// closedDayText explains a date without work and offers the next business day.
func closedDayText(lang string, p program.Problem) string {
	next := weekday(lang, p.Next) + " " + p.Next.Format(calendar.Layout)
	if p.Why == "" {
		return texts.Text(lang, "program.err.closedday.weekend", p.Value, weekday(lang, p.Date), next)
	}
	return texts.Text(lang, "program.err.closedday", p.Value, p.Why, next)
}

// weekday names a day of the week in a language.
func weekday(lang string, t time.Time) string {
	return texts.Text(lang, "sched.weekday."+strings.ToLower(t.Weekday().String()))
}

// IsProgramFile reports whether a file is likely a CT-RG.01 program.
func IsProgramFile(f chat.IncomingFile) bool {
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".csv", ".yaml", ".yml":
		return true
	}
	return strings.Contains(f.MIME, "csv") || strings.Contains(f.MIME, "yaml")
}

// Program answers /programa: with a program file it imports it; without
// one it shows what is planned and how to send the file. Coordinator only.
func Program(ctx context.Context, env Env, req Request) (Answer, error) {
	if !policy.MayUse(policy.Program, req.Who) {
		return refused(req.Lang, "programa", "staff.forbidden"), nil
	}
	for _, f := range req.Files {
		if IsProgramFile(f) {
			return ImportFile(ctx, env, req, f)
		}
	}
	loc := env.Location
	items, err := env.Store.PlanItems(ctx, startOfDay(req.Now, loc), time.Time{})
	if err != nil {
		return Answer{}, fmt.Errorf("staff: program: items: %w", err)
	}
	var b strings.Builder
	if len(items) == 0 {
		b.WriteString(texts.Text(req.Lang, "program.none"))
	} else {
		b.WriteString(texts.Plural(req.Lang, "program.upcoming", len(items)))
		for i, it := range items {
			if i == 10 {
				b.WriteString("\n" + texts.Text(req.Lang, "program.more", len(items)-i))
				break
			}
			b.WriteString("\n• " + day(it.Planned, loc) + " · " + it.Equipment + " · " + env.AreaName(it.Area) + " · " + env.Name(it.Tecnico))
		}
	}
	b.WriteString("\n\n" + texts.Text(req.Lang, "program.send"))
	return Answer{Text: b.String()}, nil
}

// ImportFile imports a CT-RG.01 file the coordinator sent: every row is
// checked and, when one is wrong, nothing is stored and each problem is
// told by its line. When the only problems are new items planned on days
// without work, the file is kept and the coordinator chooses with a button
// to move them to the next business day or keep them. Coordinator only.
func ImportFile(ctx context.Context, env Env, req Request, f chat.IncomingFile) (Answer, error) {
	switch {
	case !policy.MayUse(policy.Program, req.Who):
		return refused(req.Lang, "programa", "staff.forbidden"), nil
	case f.TooBig:
		return Answer{Text: texts.Text(req.Lang, "file.toobig", f.Name)}, nil
	}
	pf := ProgramFile{Name: f.Name, Data: f.Data, By: req.Who.ID, Now: req.Now}
	res, err := ImportProgram(ctx, env.Store, env.Calendar, pf)
	if err != nil || !program.OnlyClosedDays(res.Problems) {
		return imported(env, req, pf, res, err)
	}
	id, err := env.Store.PutFile(ctx, storage.File{Name: f.Name, MIME: f.MIME, Size: int64(len(f.Data)), Data: f.Data, Created: req.Now})
	if err != nil {
		return Answer{}, fmt.Errorf("staff: program: keep %s: %w", f.Name, err)
	}
	return Answer{
		Text: texts.Text(req.Lang, "program.closed", f.Name) + "\n" + ProgramProblems(req.Lang, res.Problems) +
			"\n\n" + texts.Text(req.Lang, "program.closed.ask"),
		Buttons: [][]chat.Button{{
			{Label: texts.Text(req.Lang, "program.closed.move"), Code: chat.Code(chat.KindProgramDates, id, program.DatesMove)},
			{Label: texts.Text(req.Lang, "program.closed.keep"), Code: chat.Code(chat.KindProgramDates, id, program.DatesKeep)},
		}},
	}, nil
}

// ImportKept imports the CT-RG.01 file kept by ImportFile as the
// coordinator chose: req.Arg is "<file id>:mover" or "<file id>:conservar".
// Coordinator only.
func ImportKept(ctx context.Context, env Env, req Request) (Answer, error) {
	if !policy.MayUse(policy.Program, req.Who) {
		return refused(req.Lang, "programa", "staff.forbidden"), nil
	}
	id, dates, _ := strings.Cut(req.Arg, ":")
	f, err := env.Store.File(ctx, id)
	if (dates != program.DatesMove && dates != program.DatesKeep) || errors.Is(err, storage.ErrNotFound) {
		return Answer{Text: texts.Text(req.Lang, "program.closed.gone"), Edit: req.Pressed}, nil
	}
	if err != nil {
		return Answer{}, fmt.Errorf("staff: program: file %s: %w", id, err)
	}
	pf := ProgramFile{Name: f.Name, Data: f.Data, By: req.Who.ID, Now: req.Now, Dates: dates}
	res, err := ImportProgram(ctx, env.Store, env.Calendar, pf)
	a, err := imported(env, req, pf, res, err)
	a.Edit = req.Pressed
	return a, err
}

// imported says how an import went: the problems, or what was stored,
// which the bitácora keeps.
func imported(env Env, req Request, f ProgramFile, res ProgramImport, err error) (Answer, error) {
	if err != nil {
		return Answer{}, err
	}
	if len(res.Problems) > 0 {
		return Answer{Text: texts.Plural(req.Lang, "program.rejected", len(res.Problems), f.Name, len(res.Problems)) + "\n" +
			ProgramProblems(req.Lang, res.Problems) + "\n\n" + texts.Text(req.Lang, "program.fix")}, nil
	}
	text, detail := res.Summary(req.Lang, f.Name, env.Location)
	return Answer{Text: text, Action: "programa_importado", Detail: detail}, nil
}

// Summary says, in a language, what an import stored (items, new and
// updated, and the dates they span), and what the bitácora keeps of it.
func (res ProgramImport) Summary(lang, name string, loc *time.Location) (text, detail string) {
	if len(res.Items) == 0 {
		return "", ""
	}
	first, last := res.Items[0].Planned, res.Items[0].Planned
	for _, it := range res.Items {
		first, last = minTime(first, it.Planned), maxTime(last, it.Planned)
	}
	counts := func(lang string) []any {
		return []any{texts.Plural(lang, "program.count.items", len(res.Items)), texts.Plural(lang, "program.count.new", res.New),
			texts.Plural(lang, "program.count.updated", res.Updated), day(first, loc), day(last, loc)}
	}
	text = texts.Text(lang, "program.imported", counts(lang)...)
	detail = fmt.Sprintf("CT-RG.01 «%s»: %s (%s y %s), del %s al %s", append([]any{name}, counts("es")...)...)
	return text, detail
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
