package staff

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
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

// ImportProgram reads a CT-RG.01 file (CSV or YAML) and, when every row is
// valid, stores its items; re-importing a file replaces its items and keeps
// the reminders and tickets already made for them. by is who imports.
func ImportProgram(ctx context.Context, st ProgramStore, loc *time.Location, name string, data []byte, by string, now time.Time) (ProgramImport, error) {
	var res ProgramImport
	rows, probs := program.Read(name, data)
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
	items, probs := program.Check(rows, program.Directory{Areas: areas, People: people}, existing, loc, now, by)
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
// told by its line. Coordinator only.
func ImportFile(ctx context.Context, env Env, req Request, f chat.IncomingFile) (Answer, error) {
	switch {
	case !policy.MayUse(policy.Program, req.Who):
		return refused(req.Lang, "programa", "staff.forbidden"), nil
	case f.TooBig:
		return Answer{Text: texts.Text(req.Lang, "file.toobig", f.Name)}, nil
	}
	res, err := ImportProgram(ctx, env.Store, env.Location, f.Name, f.Data, req.Who.ID, req.Now)
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
