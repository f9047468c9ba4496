package texts

// enMantenimiento holds the English texts of the maintenance service (5.1).
var enMantenimiento = map[string]string{
	"mantenimiento.equipo.q":           "Which equipment needs maintenance?",
	"mantenimiento.equipo":             "Equipment",
	"mantenimiento.equipo.computadora": "Computer",
	"mantenimiento.equipo.impresora":   "Printer",
	"mantenimiento.equipo.proyector":   "Projector",
	"mantenimiento.equipo.red":         "Network or internet",
	"mantenimiento.equipo.telefono":    "Phone",
	"mantenimiento.equipo.otro":        "Other",
	"mantenimiento.inventario.q":       "What is its inventory or serial number? It is on the equipment's label.",
	"mantenimiento.inventario":         "Inventory or serial",
	"mantenimiento.ubicacion.q":        "Where is the equipment? (building, floor, office)",
	"mantenimiento.ubicacion":          "Location",
	"mantenimiento.falla.q":            "Describe the fault: what happens, since when, and any message it shows.",
	"mantenimiento.falla":              "Fault",
	"mantenimiento.urgencia.q":         "How urgent is it?",
	"mantenimiento.urgencia":           "Urgency",
	"mantenimiento.urgencia.baja":      "Low: I can keep working",
	"mantenimiento.urgencia.media":     "Medium: it slows me down",
	"mantenimiento.urgencia.alta":      "High: I cannot work",
	"mantenimiento.foto.q":             "If you can, send a photo of the fault or of the error message.",
	"mantenimiento.foto":               "Photos",

	"mantenimiento.status.en_diagnostico":       "Being diagnosed",
	"mantenimiento.status.en_reparacion":        "Under maintenance",
	"mantenimiento.status.por_confirmar_retiro": "Awaiting confirmation that the equipment is taken away",

	"mantenimiento.act.diagnosticar":     "Record diagnosis",
	"mantenimiento.act.retirar":          "Take equipment away",
	"mantenimiento.act.confirmar_retiro": "I confirm it is taken",
	"mantenimiento.act.reprogramar":      "Change date",
	"mantenimiento.act.terminar":         "Report result",

	"mantenimiento.in.diagnosticar":        "By which date do you commit to solve it? Pick a day or type it (dd/mm/yyyy, “tomorrow”, “monday”):",
	"mantenimiento.in.diagnosticar.reason": "Type the diagnosis; I will send it to the requester:",
	"mantenimiento.in.retirar":             "Where is the equipment taken and why? (optional; the requester sees it when asked to confirm)",
	"mantenimiento.in.reprogramar":         "What is the new solution date? Pick a day or type it (dd/mm/yyyy):",
	"mantenimiento.in.reprogramar.reason":  "Why does the date change? Type the reason; I will send it to the requester:",
	"mantenimiento.in.terminar":            "Type the result of the maintenance and your recommendations, or send the report as a file and press “Done”:",

	"mantenimiento.st.recibida":             "The IT Coordination received your request {folio}. A technician will check the equipment and tell you the diagnosis and the solution date.",
	"mantenimiento.st.por_confirmar_retiro": "{by} needs to take the equipment of your request {folio} away for maintenance.{notes}\nPress “I confirm it is taken” to sign the IT Services Request CT-RG.03 as a record that the equipment leaves your area.",
	"mantenimiento.did.tomar":               "{assignee} is handling your request {folio} and will diagnose the equipment.",
	"mantenimiento.did.diagnosticar":        "Diagnosis of your request {folio}: {note}\nCommitted solution date: {date}.",
	"mantenimiento.did.confirmar_retiro":    "I recorded your signature of the IT Services Request CT-RG.03 for taking the equipment away (request {folio}). I will tell you when it is ready.",
	"mantenimiento.did.reprogramar":         "The solution date of your request {folio} changed: it is now {date}.\nReason: {note}\nDate changes so far: {reprogramaciones}.",
	"mantenimiento.did.terminar":            "The maintenance of your request {folio} is done. Result and recommendations of the IT Coordination:{detail}{sent}",

	"mantenimiento.ask.en_diagnostico":       "This request is assigned to you. Check the equipment and record the diagnosis with its solution date:",
	"mantenimiento.ask.en_reparacion":        "Request under maintenance. When done, report the result; if you cannot meet the date, change it with the reason:",
	"mantenimiento.ask.por_confirmar_retiro": "Confirm that the equipment is taken away:",

	"mantenimiento.news.confirmar_retiro": "{requester} confirmed and signed that the equipment is taken away.",
}
