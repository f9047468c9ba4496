package main

import (
	"fmt"
	"log/slog"
	"strings"

	"ctdesk/cmd/internal/config"
)

// checkExample refuses to serve real chat platforms on the bundled example
// directory of made-up people, unless CTDESK_DEMO=1 asks for it on purpose.
func checkExample(env Env, cfg *config.Config, log *slog.Logger) error {
	tokens := env.platformTokens()
	if cfg.Source() != config.ExampleSource || len(tokens) == 0 {
		return nil
	}
	if env.Demo {
		log.Warn("CTDESK_DEMO=1: se atiende " + strings.Join(tokens, " y ") +
			" con el directorio de ejemplo incluido (personas inventadas). No lo uses en producción: escribe tu configuración y apúntala con CTDESK_CONFIG.")
		return nil
	}
	return fmt.Errorf(`no arranco: hay %s pero falta CTDESK_CONFIG.
Sin CTDESK_CONFIG se usa el ejemplo incluido, con personas inventadas (ana, beto, luis, rosa, rect):
sirve para probar ctdesk en la consola, no para atender a personas reales.
Para ponerlo en servicio:
  1. ctdesk config example > ctdesk.yaml   (el ejemplo, para copiarlo)
  2. pon en ctdesk.yaml la institución, las áreas y las personas con su cuenta de Telegram o Slack
  3. ctdesk config check ctdesk.yaml       (dice qué corregir, con el número de línea)
  4. CTDESK_CONFIG=ctdesk.yaml ctdesk
Para probar el ejemplo con tokens reales a propósito, arranca con CTDESK_DEMO=1`, strings.Join(tokens, " y "))
}
