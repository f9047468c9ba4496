package texts

// esDelivery are the notices about delivery that the coordination reads.
var esDelivery = map[string]string{
	"unreachable.coord":       "Aviso: no pude entregar un mensaje a %s: bloqueó al bot o nunca abrió la conversación con él, y no tiene otra plataforma. Se lo entregaré en cuanto escriba al bot; pídele que lo haga.",
	"ticket.unreached":        "⚠ No se pudo avisar a %s: no tiene abierta la conversación con el bot. Se le entregará en cuanto escriba; mientras, los recordatorios van a la coordinación.",
	"secret.taken":            "Contraseña entregada el %s.",
	"secret.undelivered":      "Aviso: la contraseña temporal de la cuenta %[2]s no pudo entregarse a %[1]s (solicitud %[3]s). Pulsa «Generar otra contraseña» para crear una nueva y entregarla a ambos; establécela en el panel del servidor de correo.",
	"unreachable.coord.folio": "Aviso: no pude entregar a %s un mensaje sobre %s: bloqueó al bot o nunca abrió la conversación con él, y no tiene otra plataforma. Se lo entregaré en cuanto escriba al bot; pídele que lo haga.",
}
