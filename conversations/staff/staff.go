// Package staff holds what CT does outside any one ticket's workflow: the
// work queue (/cola), the quarter's indicator (/kpi), the quarterly report
// DP-RG.02 and its delivery (/informe, /entregado), and the preventive
// maintenance program CT-RG.01 (/programa, or its file sent to the bot).
//
// Each command is a function from a Request to an Answer: who may use it
// is asked of package policy, and the engine says the answer in chat and
// writes to the bitácora what it records, or the refused attempt. The
// scheduler and cmd use the same report, indicator and program functions.
package staff

import (
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/lib/report"
	"ctdesk/storage"
)

// Store is what CT's commands read and write.
type Store interface {
	report.Source
	storage.Files
	storage.Plan
	storage.Directory
	storage.Values
}

// Services is what the commands read of the services' workflows.
type Services interface {
	// OpenStatuses lists the statuses in which a ticket is still open.
	OpenStatuses() []string
	// StatusName names a ticket's status in a language.
	StatusName(lang string, tk *storage.Ticket) string
	// AwaitingApproval reports whether a ticket waits for a visto bueno.
	AwaitingApproval(tk *storage.Ticket) bool
}

// Env is what the commands know of the institution.
type Env struct {
	Store       Store
	Services    Services
	Institution string
	Location    *time.Location
	Calendar    *calendar.Calendar
	// Name and AreaName name people and areas as the directory does.
	Name, AreaName func(id string) string
	// Report is how the report DP-RG.02 names, counts and signs.
	Report report.Config
}

// Request is a command as someone gave it.
type Request struct {
	Who  storage.Person
	Now  time.Time
	Lang string
	// Arg is what follows the command ("3T-2026").
	Arg string
	// Files were sent with the command.
	Files []chat.IncomingFile
	// Pressed is set when a button gave the command: the answer replaces
	// the message the button was on.
	Pressed bool
}

// Answer is what a command says back and what it records.
type Answer struct {
	Text    string
	Buttons [][]chat.Button
	Files   []chat.OutFile
	// More are messages that follow Text, each with its own buttons (the
	// registrations the queue lists); their To is not used.
	More []chat.Message
	// Edit replaces the pressed message with Text; Notice answers the press.
	Edit   bool
	Notice string
	// Action and Detail, when Action is set, go to the bitácora.
	Action, Detail string
	// Refused names the command when the person may not use it: Text says
	// so, and the engine records the attempt.
	Refused string
}

// refused answers someone who may not use a command.
func refused(lang, command, key string) Answer {
	return Answer{Text: texts.Text(lang, key), Refused: command}
}

// day writes a day for people.
func day(t time.Time, loc *time.Location) string { return t.In(loc).Format(calendar.Layout) }

// startOfDay is midnight of t's day in loc.
func startOfDay(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
