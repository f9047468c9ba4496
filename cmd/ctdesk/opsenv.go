package main

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// opsEnv are the operator's switches read from the environment:
// CTDESK_LOG_LEVEL, CTDESK_LOG_FORMAT and CTDESK_DEMO.
type opsEnv struct {
	LogLevel  slog.Level
	LogFormat string // "text" or "json"
	// Demo allows serving chat platforms on the built-in example directory.
	Demo bool
}

// readOpsEnv reads the operator's switches; a value it does not know is an
// error that says which values it takes.
func readOpsEnv(getenv func(string) string) (opsEnv, error) {
	var env opsEnv
	if v := strings.TrimSpace(getenv("CTDESK_LOG_LEVEL")); v != "" {
		if err := env.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return env, fmt.Errorf("CTDESK_LOG_LEVEL=%s no es un nivel de registro: usa debug, info, warn o error", v)
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("CTDESK_LOG_FORMAT"))); v {
	case "", "text", "texto":
		env.LogFormat = "text"
	case "json":
		env.LogFormat = "json"
	default:
		return env, fmt.Errorf("CTDESK_LOG_FORMAT=%s no es un formato de registro: usa text o json", v)
	}
	switch v := strings.ToLower(strings.TrimSpace(getenv("CTDESK_DEMO"))); v {
	case "", "0", "false", "no":
	case "1", "true", "si", "sí", "yes":
		env.Demo = true
	default:
		return env, fmt.Errorf("CTDESK_DEMO=%s: usa 1 para permitir el ejemplo incluido con tokens reales, o quítala", v)
	}
	return env, nil
}

// newLogger builds the one logger of the process.
func newLogger(env opsEnv, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: env.LogLevel}
	if env.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
