package texts

// esMantenimiento holds the Spanish texts of the maintenance service (5.1).
var esMantenimiento = map[string]string{
	"mantenimiento.equipo.q":           "¿Qué equipo necesita mantenimiento?",
	"mantenimiento.equipo":             "Equipo",
	"mantenimiento.equipo.computadora": "Computadora",
	"mantenimiento.equipo.impresora":   "Impresora",
	"mantenimiento.equipo.proyector":   "Proyector",
	"mantenimiento.equipo.red":         "Red o internet",
	"mantenimiento.equipo.telefono":    "Teléfono",
	"mantenimiento.equipo.otro":        "Otro",
	"mantenimiento.inventario.q":       "¿Cuál es su número de inventario o de serie? Lo encuentras en la etiqueta del equipo.",
	"mantenimiento.inventario":         "Inventario o serie",
	"mantenimiento.ubicacion.q":        "¿Dónde está el equipo? (edificio, piso, oficina)",
	"mantenimiento.ubicacion":          "Ubicación",
	"mantenimiento.falla.q":            "Describe la falla: qué pasa, desde cuándo y si muestra algún mensaje.",
	"mantenimiento.falla":              "Falla",
	"mantenimiento.urgencia.q":         "¿Qué tan urgente es?",
	"mantenimiento.urgencia":           "Urgencia",
	"mantenimiento.urgencia.baja":      "Baja: puedo seguir trabajando",
	"mantenimiento.urgencia.media":     "Media: me retrasa",
	"mantenimiento.urgencia.alta":      "Alta: no puedo trabajar",
	"mantenimiento.foto.q":             "Si puedes, envía una foto de la falla o del mensaje de error.",
	"mantenimiento.foto":               "Fotos",

	"mantenimiento.status.en_diagnostico":       "En diagnóstico",
	"mantenimiento.status.en_reparacion":        "En mantenimiento",
	"mantenimiento.status.por_confirmar_retiro": "En espera de confirmar el retiro del equipo",

	"mantenimiento.act.diagnosticar":     "Registrar diagnóstico",
	"mantenimiento.act.retirar":          "Retirar equipo",
	"mantenimiento.act.confirmar_retiro": "Confirmo el retiro",
	"mantenimiento.act.reprogramar":      "Cambiar fecha",
	"mantenimiento.act.terminar":         "Informar resultado",

	"mantenimiento.in.diagnosticar":        "¿Para qué fecha te comprometes a resolverlo? Elige un día o escríbelo (dd/mm/aaaa, «mañana», «el lunes»):",
	"mantenimiento.in.diagnosticar.reason": "Escribe el diagnóstico; se lo enviaré a quien lo solicitó:",
	"mantenimiento.in.retirar":             "¿A dónde se lleva el equipo y por qué? (opcional; se lo mostraré a quien lo solicitó al pedirle su confirmación)",
	"mantenimiento.in.reprogramar":         "¿Cuál es la nueva fecha de solución? Elige un día o escríbelo (dd/mm/aaaa):",
	"mantenimiento.in.reprogramar.reason":  "¿Por qué cambia la fecha? Escribe el motivo; se lo enviaré a quien lo solicitó:",
	"mantenimiento.in.terminar":            "Escribe el resultado del mantenimiento y tus recomendaciones, o envía el reporte como archivo y pulsa «Listo»:",

	"mantenimiento.st.recibida":             "La Coordinación de Tecnologías recibió tu solicitud {folio}. Un técnico revisará el equipo y te dirá el diagnóstico y la fecha de solución.",
	"mantenimiento.st.por_confirmar_retiro": "{by} necesita llevarse el equipo de tu solicitud {folio} para darle mantenimiento.{notes}\nPulsa «Confirmo el retiro» para firmar la Solicitud de Servicios CT-RG.03 como constancia de que el equipo sale de tu área.",
	"mantenimiento.did.tomar":               "{assignee} atiende tu solicitud {folio} y hará el diagnóstico del equipo.",
	"mantenimiento.did.diagnosticar":        "Diagnóstico de tu solicitud {folio}: {note}\nFecha comprometida de solución: {date}.",
	"mantenimiento.did.confirmar_retiro":    "Registré tu firma de la Solicitud de Servicios CT-RG.03 por el retiro del equipo (solicitud {folio}). Te aviso cuando esté listo.",
	"mantenimiento.did.reprogramar":         "Tu solicitud {folio} cambió de fecha de solución: ahora es el {date}.\nMotivo: {note}\nCambios de fecha hasta ahora: {reprogramaciones}.",
	"mantenimiento.did.terminar":            "El mantenimiento de tu solicitud {folio} quedó terminado. Resultado y recomendaciones de CT:{detail}{sent}",

	"mantenimiento.ask.en_diagnostico":       "Tienes asignada esta solicitud. Revisa el equipo y registra el diagnóstico con su fecha de solución:",
	"mantenimiento.ask.en_reparacion":        "Solicitud en mantenimiento. Al terminar informa el resultado; si no alcanzas la fecha, cámbiala indicando el motivo:",
	"mantenimiento.ask.por_confirmar_retiro": "Confirma el retiro del equipo:",

	"mantenimiento.news.confirmar_retiro": "{requester} confirmó y firmó el retiro del equipo.",
}
