package texts

// enConsole holds the English texts of the terminal console and of roles.
var enConsole = map[string]string{
	"console.banner":  "ctdesk console: here you can try every role of the procedure.\nPeople: %s.\nType /as <person> to speak as someone else, a button's number or text to press it, /file <path> to send a file, /clock 30/09/2026 18:00 to move the clock forward and see that day's scheduled notices, and /exit to finish.",
	"console.now":     "— You now speak as %s (%s, %s).",
	"console.unknown": "There is nobody with the id “%s”. People: %s.",
	"console.nobody":  "First choose who speaks: /as <person>.",
	"console.file":    "I could not read the file %s: %v",
	"console.edited":  "message updated",
	"console.secret":  "confidential",

	"role.usuario":     "requester",
	"role.supervisor":  "supervisor",
	"role.autoridad":   "authority",
	"role.tecnico":     "technician",
	"role.coordinador": "coordinator",

	"console.clock":         "— Console clock: %s.",
	"console.clock.moved":   "— The console clock moved forward: it is now %s.",
	"console.clock.invalid": "Type the date and time as /clock 30/09/2026 18:00 (without a time, 09:00); /clock alone tells the time.",
	"console.clock.past":    "The console clock only moves forward: it is now %s.",
	"console.clock.fixed":   "The clock cannot be moved here.",
	"console.jobs.ran":      "— The scheduled jobs that were due ran: %s.",
	"console.jobs.none":     "— No scheduled job was due.",
	"console.jobs.failed":   "— A scheduled job failed: %v",
}
