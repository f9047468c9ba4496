package texts

// esFlujo holds the Spanish texts of the workflow steps that the five
// services share.
var esFlujo = map[string]string{
	"in.textfiles":          "Escribe el texto, o envía uno o varios archivos y pulsa «Listo»:",
	"in.textfiles.expected": "Aún no recibí nada. Escribe el texto o envía un archivo.",
	"in.textfiles.got":      "Recibí: %s. Envía más archivos, escribe el texto que los acompaña o pulsa «Listo».",
	"in.url":                "Escribe la dirección web completa, por ejemplo https://www.universidad.edu.mx/noticias/evento:",
	"in.no_procede":         "Escribe por qué la solicitud no procede; se lo haré saber a quien la pidió:",
	"in.pedir_cambios":      "Describe los cambios que necesitas, con el mayor detalle posible:",

	"act.no_procede":    "No procede",
	"act.pedir_cambios": "Pedir cambios",
	"act.analizar":      "Registrar análisis",
	"act.entregar":      "Entregar",

	"ticket.step.date":  "fecha comprometida: %s",
	"ticket.step.files": "archivos: %s",

	"did.tomar":   "{assignee} atiende tu solicitud {folio}.",
	"did.asignar": "Tu solicitud {folio} quedó asignada a {assignee}, quien la atenderá.",
	"queue.due":   "fecha comprometida %s",

	"did.no_procede":  "La Coordinación de Tecnologías determinó que tu solicitud {folio} no procede, y quedó cerrada.{reason}\nSi tienes dudas, responde a {by} o haz una nueva solicitud.",
	"did.cancelar":    "Cancelaste tu solicitud {folio}: quedó cerrada y ya no se atenderá.",
	"did.files#one":   "Te envío %d archivo adjunto.",
	"did.files#other": "Te envío %d archivos adjuntos.",
	"tell.cancelado":  "{requester} canceló la solicitud {folio}; ya no hay que atenderla.",

	"status.en_analisis": "En análisis por CT",

	"act.fijar_fecha":       "Fijar fecha",
	"act.reprogramar":       "Cambiar fecha",
	"in.fijar_fecha":        "¿Para qué fecha te comprometes a entregarla? Elige un día o escríbelo (dd/mm/aaaa, «mañana», «el lunes»):",
	"in.reprogramar":        "¿Cuál es la nueva fecha comprometida? Elige un día o escríbelo (dd/mm/aaaa):",
	"in.reprogramar.reason": "¿Por qué cambia la fecha? Escribe el motivo; se lo enviaré a quien lo solicitó:",
	"did.fijar_fecha":       "{assignee} se comprometió a entregar tu solicitud {folio} a más tardar el {date}.",
	"did.reprogramar":       "Tu solicitud {folio} cambió de fecha comprometida: ahora es el {date}.\nMotivo: {note}\nCambios de fecha hasta ahora: {reprogramaciones}.",
	"stamp.no_procede":      "Declarada improcedente",
	"stamp.fijar_fecha":     "Fecha comprometida fijada",
	"stamp.reprogramar":     "Fecha cambiada",
	"stamp.pedir_cambios":   "Cambios pedidos",
}
