package texts

// enFlujo holds the English texts of the workflow steps that the five
// services share.
var enFlujo = map[string]string{
	"in.textfiles":          "Type the text, or send one or more files and press “Done”:",
	"in.textfiles.expected": "I have not received anything yet. Type the text or send a file.",
	"in.textfiles.got":      "Got: %s. Send more files, type the text that goes with them, or press “Done”.",
	"in.url":                "Type the full web address, for example https://www.university.edu/news/event:",
	"in.no_procede":         "Type why the request does not proceed; I will pass it on to the requester:",
	"in.pedir_cambios":      "Describe the changes you need, in as much detail as you can:",

	"act.no_procede":    "Does not proceed",
	"act.pedir_cambios": "Ask for changes",
	"act.analizar":      "Record analysis",
	"act.entregar":      "Deliver",

	"ticket.step.date":  "committed date: %s",
	"ticket.step.files": "files: %s",

	"did.tomar":   "{assignee} is handling your request {folio}.",
	"did.asignar": "Your request {folio} was assigned to {assignee}, who will handle it.",
	"queue.due":   "committed date %s",

	"did.no_procede":  "The IT Coordination determined that your request {folio} does not proceed, and it is closed.{reason}\nIf you have questions, reply to {by} or make a new request.",
	"did.cancelar":    "You cancelled your request {folio}: it is closed and will not be handled.",
	"did.files#one":   "I am sending you %d attached file.",
	"did.files#other": "I am sending you %d attached files.",
	"tell.cancelado":  "{requester} cancelled request {folio}; it no longer needs to be handled.",

	"status.en_analisis": "Being analysed by IT",

	"act.fijar_fecha":       "Set date",
	"act.reprogramar":       "Change date",
	"in.fijar_fecha":        "By which date do you commit to deliver it? Pick a day or type it (dd/mm/yyyy, “tomorrow”, “Monday”):",
	"in.reprogramar":        "What is the new committed date? Pick a day or type it (dd/mm/yyyy):",
	"in.reprogramar.reason": "Why does the date change? Type the reason; I will pass it on to the requester:",
	"did.fijar_fecha":       "{assignee} committed to deliver your request {folio} by {date}.",
	"did.reprogramar":       "The committed date of your request {folio} changed: it is now {date}.\nReason: {note}\nDate changes so far: {reprogramaciones}.",
	"stamp.no_procede":      "Declined",
	"stamp.fijar_fecha":     "Committed date set",
	"stamp.reprogramar":     "Date changed",
	"stamp.pedir_cambios":   "Changes requested",
}
