package workflow

import (
	"fmt"
	"regexp"
	"strings"
)

// FieldKind is the kind of answer a field takes.
type FieldKind int

// The kinds of fields a question may ask for.
const (
	KindText FieldKind = iota
	KindChoice
	KindDate
	KindEmail
	KindYesNo
	KindFile
	KindURL
	// KindName is a person's name: letters, spaces, apostrophes, hyphens
	// and dots, at least two letters; Invalid, if set, says so.
	KindName
)

// Field is one question of a service's form (CT-RG.03), of an action's
// input, or of a registration. Its texts come from the catalog: in a form,
// "<service>.<field>.q" asks it, "<service>.<field>" names it in summaries,
// and "<service>.<field>.<choice>" labels each choice.
type Field struct {
	ID       string
	Kind     FieldKind
	Optional bool
	// Choices are the ids of a choice field's options.
	Choices []string
	// AreaChoice offers the directory's areas as choices.
	AreaChoice bool
	// StaffChoice offers the people a ticket may be assigned to.
	StaffChoice bool
	// FilesOf offers as choices the files that action of the ticket sent
	// the last time it applied (the drafts to pick from).
	FilesOf string
	// Max bounds a text answer in characters (default 1000).
	Max int
	// Pattern, if set, is what a text answer must match; Invalid is the
	// catalog key of what to say when it does not.
	Pattern *regexp.Regexp
	Invalid string
	// Multi lets a file field take several files, or a choice field several
	// choices, until the person says done.
	Multi bool
	// Files lets a text field be answered with files instead, until the
	// person says done; a typed text still ends it (a result typed or sent
	// as a document).
	Files bool
	// Days offers that many next business days as buttons for a date.
	Days int
	// Keep stores an action's answer in the ticket's fields under the
	// field's id, shown on its card as "<service>.<id>".
	Keep bool
	// When, if set, asks the field only when it returns true for the answers so far.
	When func(a Answers) bool
	// AllowPast lets a date field take a day before today; by default a
	// date must be today or later.
	AllowPast bool
	// NotAfter names an earlier date field of the same questions that this
	// date may not be later than (a deadline and its event); Invalid says
	// so, with that date. Changing that field asks this one again when its
	// answer no longer fits.
	NotAfter string
	// PhotosOf offers as choices the photos given to that file field of the
	// same questions (the ones for the report, from the evidence).
	PhotosOf string
	// CaptionsOf asks this text once for each choice of that multiple
	// choice field (a caption for each photo chosen).
	CaptionsOf string
}

// TakesFiles reports whether files answer the field.
func (f *Field) TakesFiles() bool { return f.Kind == KindFile || f.Files }

// Answers are the answers to a sequence of questions, by field id. Beside
// them the engine notes the files given to each field ("<field>/files",
// "<field>/photos"), so a question may depend on them.
type Answers map[string]string

// Files lists the names of the files given to a field, in order.
func (a Answers) Files(field string) []string { return Values(a[field+"/files"]) }

// Photos lists the names of the photos among the files given to a field.
func (a Answers) Photos(field string) []string { return Values(a[field+"/photos"]) }

// AddFile notes a file given to a field.
func (a Answers) AddFile(field, name string, photo bool) {
	a[field+"/files"] = join(a[field+"/files"], name)
	if photo {
		a[field+"/photos"] = join(a[field+"/photos"], name)
	}
}

// DropFiles forgets the files given to a field (it is asked again).
func (a Answers) DropFiles(field string) {
	delete(a, field+"/files")
	delete(a, field+"/photos")
}

// IsNote reports whether an answers key holds a note of the engine (the
// files given to a field) rather than an answer.
func IsNote(key string) bool { return strings.Contains(key, "/") }

// Values splits the answer of a multiple choice (one choice a line).
func Values(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, "\n")
}

// join adds a line to a list of lines.
func join(list, v string) string {
	if list == "" {
		return v
	}
	return list + "\n" + v
}

// validFields checks a sequence of questions and returns their ids.
func validFields(fields []Field) (map[string]bool, error) {
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f.ID] {
			return nil, fmt.Errorf("field %q twice", f.ID)
		}
		seen[f.ID] = true
		if f.Kind == KindChoice && len(f.Choices) == 0 && !f.AreaChoice && !f.StaffChoice && f.FilesOf == "" && f.PhotosOf == "" {
			return nil, fmt.Errorf("choice field %q has no choices", f.ID)
		}
		if (f.Pattern != nil || f.NotAfter != "") && f.Invalid == "" {
			return nil, fmt.Errorf("field %q has a Pattern or NotAfter without its Invalid message", f.ID)
		}
		for _, ref := range []string{f.NotAfter, f.PhotosOf, f.CaptionsOf} {
			if ref != "" && !seen[ref] {
				return nil, fmt.Errorf("field %q refers to %q, which is not asked before it", f.ID, ref)
			}
		}
	}
	return seen, nil
}
