package texts

// enConsole holds the English texts of the terminal console and of roles.
var enConsole = map[string]string{
	"console.banner":  "ctdesk console: here you can try every role of the procedure.\nPeople: %s.\nType /as <person> to speak as someone else, a button's number or text to press it, /file <path> to send a file and /exit to finish.",
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
}
