package conversations

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

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
		return res, fmt.Errorf("conversations: program: areas: %w", err)
	}
	people, err := st.People(ctx)
	if err != nil {
		return res, fmt.Errorf("conversations: program: people: %w", err)
	}
	old, err := st.PlanItems(ctx, time.Time{}, time.Time{})
	if err != nil {
		return res, fmt.Errorf("conversations: program: items: %w", err)
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
		return res, fmt.Errorf("conversations: program: store: %w", err)
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
			b.WriteString("\n" + texts.Text(lang, "program.err.more", len(probs)-i))
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

// isProgramFile reports whether a file is likely a CT-RG.01 program.
func isProgramFile(f IncomingFile) bool {
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".csv", ".yaml", ".yml":
		return true
	}
	return strings.Contains(f.MIME, "csv") || strings.Contains(f.MIME, "yaml")
}

// programCommand answers /programa: with a file it imports it, without one
// it shows what is planned and how to send the file. Coordinator only.
func (t *turn) programCommand(ctx context.Context) error {
	if !policy.MayUse(policy.Program, t.who) {
		t.reply(t.tr("staff.forbidden"))
		return t.refuse(ctx, "", "programa", "programa")
	}
	for _, f := range t.ev.Files {
		if isProgramFile(f) {
			return t.importProgram(ctx, f)
		}
	}
	st := t.e.st
	today := midnight(t.now.In(t.e.cfg.Location))
	items, err := st.PlanItems(ctx, today, time.Time{})
	if err != nil {
		return fmt.Errorf("conversations: program: items: %w", err)
	}
	var b strings.Builder
	if len(items) == 0 {
		b.WriteString(t.tr("program.none"))
	} else {
		b.WriteString(t.tr("program.upcoming", len(items)))
		for i, it := range items {
			if i == 10 {
				b.WriteString("\n" + t.tr("program.more", len(items)-i))
				break
			}
			b.WriteString("\n• " + it.Planned.In(t.e.cfg.Location).Format(dateShown) + " · " + it.Equipment + " · " + t.dir.AreaName(it.Area) + " · " + t.dir.Name(it.Tecnico))
		}
	}
	b.WriteString("\n\n" + t.tr("program.send"))
	t.reply(b.String())
	return nil
}

// importProgram imports a CT-RG.01 file the coordinator sent.
func (t *turn) importProgram(ctx context.Context, f IncomingFile) error {
	if f.TooBig {
		t.reply(t.tr("file.toobig", f.Name))
		return nil
	}
	st := t.e.st
	res, err := ImportProgram(ctx, st, t.e.cfg.Location, f.Name, f.Data, t.who.ID, t.now)
	if err != nil {
		return err
	}
	if len(res.Problems) > 0 {
		t.reply(t.tr("program.rejected", f.Name, len(res.Problems)) + "\n" + ProgramProblems(t.lang, res.Problems) + "\n\n" + t.tr("program.fix"))
		return nil
	}
	first, last := res.Items[0].Planned, res.Items[0].Planned
	for _, it := range res.Items {
		first, last = minTime(first, it.Planned), maxTime(last, it.Planned)
	}
	loc := t.e.cfg.Location
	t.record("", "programa_importado", fmt.Sprintf("CT-RG.01 «%s»: %d equipos nuevos, %d actualizados, del %s al %s",
		f.Name, res.New, res.Updated, first.In(loc).Format(dateShown), last.In(loc).Format(dateShown)))
	t.reply(t.tr("program.imported", len(res.Items), res.New, res.Updated, first.In(loc).Format(dateShown), last.In(loc).Format(dateShown)))
	return nil
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
