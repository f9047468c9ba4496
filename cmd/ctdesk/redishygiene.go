package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"ctdesk/storage"
	"ctdesk/storage/redisstore"
)

// storeNotes checks, on Redis, the settings that decide whether records
// survive: eviction and persistence. Each problem is logged as a warning
// and returned for /readyz.
func storeNotes(ctx context.Context, st storage.Store, log *slog.Logger) []string {
	rs, ok := st.(*redisstore.Store)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	set, err := rs.ServerSettings(ctx)
	var notes []string
	if err != nil {
		notes = []string{fmt.Sprintf("no pude leer la configuración de Redis (%v): revisa a mano que maxmemory-policy sea noeviction y que appendonly esté activo", err)}
	} else {
		notes = redisNotes(set)
	}
	for _, n := range notes {
		log.Warn("redis: " + n)
	}
	return notes
}

// redisNotes says what in Redis' settings could lose records.
func redisNotes(s redisstore.ServerSettings) []string {
	var notes []string
	switch p := s.MaxmemoryPolicy; {
	case strings.HasPrefix(p, "allkeys-"):
		notes = append(notes, fmt.Sprintf("maxmemory-policy es %s: si Redis llena su memoria borrará folios, la bitácora y mensajes por enviar. Usa maxmemory-policy noeviction", p))
	case strings.HasPrefix(p, "volatile-"):
		notes = append(notes, fmt.Sprintf("maxmemory-policy es %s: si Redis llena su memoria borrará formularios a medio llenar y las marcas que evitan aplicar dos veces un mensaje. Usa maxmemory-policy noeviction", p))
	}
	switch {
	case !s.AOF && s.SaveKnown && s.Save == "":
		notes = append(notes, "Redis no guarda nada en disco (appendonly no y save vacío): al reiniciarse perdería todos los registros. Usa appendonly yes con appendfsync everysec")
	case !s.AOF && s.Save != "":
		notes = append(notes, fmt.Sprintf("Redis solo guarda instantáneas RDB (save %s): al reiniciarse perdería lo escrito desde la última. Usa appendonly yes con appendfsync everysec", s.Save))
	}
	return notes
}

// redisLogger sends go-redis' own log lines through slog.
type redisLogger struct{ log *slog.Logger }

// Printf logs one go-redis line as a warning: it only logs trouble.
func (l redisLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, strings.TrimSpace(fmt.Sprintf(format, v...)))
}
