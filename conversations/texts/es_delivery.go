package texts

// esDelivery are the notices about delivery that the coordination reads.
var esDelivery = map[string]string{
	"unreachable.coord":       "Aviso: no pude entregar un mensaje a %s: bloqueó al bot o nunca abrió la conversación con él, y no tiene otra plataforma. Se lo entregaré en cuanto escriba al bot; pídele que lo haga.",
	"unreachable.coord.folio": "Aviso: no pude entregar a %s un mensaje sobre %s: bloqueó al bot o nunca abrió la conversación con él, y no tiene otra plataforma. Se lo entregaré en cuanto escriba al bot; pídele que lo haga.",
}
