package ask

import (
	"ctdesk/conversations/workflow"
	"ctdesk/lib/calendar"
)

// DateKey is how dates are kept in answers and button codes.
const DateKey = "2006-01-02"

// dateShown is how dates are shown to people.
const dateShown = calendar.Layout

// MaxText bounds a text answer when the field sets no Max.
const MaxText = 1000

// State is where a sequence of questions stands: the field being asked,
// the answers so far and the files given so far. It is kept in the dialog.
type State struct {
	Field string           `json:"f,omitempty"`
	Ans   workflow.Answers `json:"a,omitempty"`
	Files []File           `json:"t,omitempty"`
	// Some are the parts of the current field's answer given so far: the
	// choices of a multiple choice, the captions of the photos chosen.
	Some []string `json:"k,omitempty"`
}

// File is a file given while answering a question.
type File struct {
	Field string `json:"f"`
	ID    string `json:"i"`
	Name  string `json:"n"`
	MIME  string `json:"m,omitempty"`
	Size  int64  `json:"z"`
	Photo bool   `json:"p,omitempty"`
}
