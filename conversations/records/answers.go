package records

import (
	"strconv"
	"strings"
	"time"

	"ctdesk/conversations/texts"
	"ctdesk/conversations/workflow"
	"ctdesk/lib/calendar"
)

// Answers lists a form's answers, one per line, in a language, as the
// summary before sending and a ticket's card show them.
func Answers(lang string, s *workflow.Service, ans workflow.Answers, area func(id string) string) string {
	var b strings.Builder
	for i := range s.Fields {
		f := &s.Fields[i]
		v, ok := ans[f.ID]
		if !ok {
			continue
		}
		b.WriteString("• ")
		b.WriteString(texts.Text(lang, s.ID+"."+f.ID))
		b.WriteString(": ")
		b.WriteString(Answer(lang, s, f, v, area))
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// Answer shows one answer for people: a choice by its label, an area by
// its name (area), yes or no, a date as dd/mm/aaaa, files by their count.
func Answer(lang string, s *workflow.Service, f *workflow.Field, v string, area func(id string) string) string {
	if v == "" {
		return texts.Text(lang, "form.none")
	}
	switch f.Kind {
	case workflow.KindChoice:
		if f.AreaChoice {
			return area(v)
		}
		var labels []string
		for _, c := range workflow.Values(v) {
			labels = append(labels, texts.Text(lang, s.ID+"."+f.ID+"."+c))
		}
		return strings.Join(labels, ", ")
	case workflow.KindYesNo:
		if v == "si" {
			return texts.Text(lang, "yes")
		}
		return texts.Text(lang, "no")
	case workflow.KindDate:
		if d, err := time.Parse("2006-01-02", v); err == nil {
			return d.Format(calendar.Layout)
		}
	case workflow.KindFile:
		n, _ := strconv.Atoi(v)
		return texts.Plural(lang, "form.files.count", n)
	}
	return v
}
