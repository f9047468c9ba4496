package texts

// Texts of the Telegram command menu (setMyCommands): each command's name
// in the language (the engine understands every language's names) and
// what it does.
var (
	esTelegram = map[string]string{
		"tg.name.start":           "start",
		"tg.name.nueva":           "nueva",
		"tg.name.mis_solicitudes": "mis_solicitudes",
		"tg.name.ver":             "ver",
		"tg.name.cancelar":        "cancelar",
		"tg.name.ayuda":           "ayuda",
		"tg.name.cola":            "cola",
		"tg.name.informe":         "informe",
		"tg.name.kpi":             "kpi",
		"tg.name.entregado":       "entregado",
		"tg.name.programa":        "programa",
		"tg.cmd.start":            "Empezar y ver el menú de servicios",
		"tg.cmd.nueva":            "Nueva solicitud de servicio",
		"tg.cmd.mis_solicitudes":  "Ver mis solicitudes y su estado",
		"tg.cmd.ver":              "Ver una solicitud por su folio",
		"tg.cmd.cancelar":         "Cancelar lo que está en curso",
		"tg.cmd.ayuda":            "Cómo funciona el asistente",
		"tg.cmd.cola":             "Cola de trabajo de la Coordinación de Tecnologías",
		"tg.cmd.informe":          "Informe trimestral DP-RG.02 (coordinación)",
		"tg.cmd.kpi":              "Indicador de cumplimiento del trimestre",
		"tg.cmd.entregado":        "Marcar el informe trimestral como entregado",
		"tg.cmd.programa":         "Programa anual de mantenimiento CT-RG.01",
	}
	enTelegram = map[string]string{
		"tg.name.start":           "start",
		"tg.name.nueva":           "new",
		"tg.name.mis_solicitudes": "my_requests",
		"tg.name.ver":             "view",
		"tg.name.cancelar":        "cancel",
		"tg.name.ayuda":           "help",
		"tg.name.cola":            "queue",
		"tg.name.informe":         "report",
		"tg.name.kpi":             "kpi",
		"tg.name.entregado":       "delivered",
		"tg.name.programa":        "program",
		"tg.cmd.start":            "Start and show the service menu",
		"tg.cmd.nueva":            "New service request",
		"tg.cmd.mis_solicitudes":  "My requests and their status",
		"tg.cmd.ver":              "Show a request by its folio",
		"tg.cmd.cancelar":         "Cancel what is in progress",
		"tg.cmd.ayuda":            "How the assistant works",
		"tg.cmd.cola":             "Work queue of the IT coordination",
		"tg.cmd.informe":          "Quarterly report DP-RG.02 (coordinator)",
		"tg.cmd.kpi":              "Fulfilment indicator of the quarter",
		"tg.cmd.entregado":        "Mark the quarterly report as delivered",
		"tg.cmd.programa":         "Annual maintenance program CT-RG.01",
	}
)
