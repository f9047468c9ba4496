package texts

// esConsole holds the Spanish texts of the terminal console and of roles.
var esConsole = map[string]string{
	"console.banner":  "Consola de ctdesk: aquí puedes probar todos los papeles del procedimiento.\nPersonas: %s.\nEscribe /as <persona> para hablar como otra persona, el número o el texto de un botón para pulsarlo, /file <ruta> para enviar un archivo y /salir para terminar.",
	"console.now":     "— Ahora hablas como %s (%s, %s).",
	"console.unknown": "No hay nadie con el identificador «%s». Personas: %s.",
	"console.nobody":  "Primero elige quién habla: /as <persona>.",
	"console.file":    "No pude leer el archivo %s: %v",
	"console.edited":  "mensaje actualizado",
	"console.secret":  "confidencial",

	"role.usuario":     "usuario",
	"role.supervisor":  "jefe inmediato",
	"role.autoridad":   "autoridad",
	"role.tecnico":     "técnico",
	"role.coordinador": "coordinador",
}
