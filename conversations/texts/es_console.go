package texts

// esConsole holds the Spanish texts of the terminal console and of roles.
var esConsole = map[string]string{
	"console.banner":  "Consola de ctdesk: aquí puedes probar todos los papeles del procedimiento.\nPersonas: %s.\nEscribe /as <persona> para hablar como otra persona, el número o el texto de un botón para pulsarlo, /file <ruta> para enviar un archivo, /reloj 30/09/2026 18:00 para adelantar el reloj y ver los avisos programados de ese día, y /salir para terminar.",
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

	"console.clock":         "— Reloj de la consola: %s.",
	"console.clock.moved":   "— El reloj de la consola avanzó: ahora es %s.",
	"console.clock.invalid": "Escribe la fecha y la hora como /reloj 30/09/2026 18:00 (sin hora, las 09:00); /reloj solo dice la hora.",
	"console.clock.past":    "El reloj de la consola solo avanza: ahora es %s.",
	"console.clock.fixed":   "Aquí el reloj no se puede mover.",
	"console.jobs.ran":      "— Corrieron los trabajos programados que tocaban: %s.",
	"console.jobs.none":     "— No tocaba ningún trabajo programado.",
	"console.jobs.failed":   "— Un trabajo programado falló: %v",
}
