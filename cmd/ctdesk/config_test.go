package main

import (
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ctdesk/cmd/internal/config"
)

// TestConfigCheck runs `ctdesk config check` on a file with many mistakes
// and on a good one.
func TestConfigCheck(t *testing.T) {
	dir := inEmptyDir(t)
	bad := filepath.Join(dir, "malo.yaml")
	writeFile(t, bad, `institution: Universidad
timezone: America/Ciudad_Gotica
shedules:
  digest: "8am"
approvals:
  correo.alto: true
areas:
  - {id: finanzas, name: Dirección de Finanzas, supervisor: luiz}
people:
  - {id: luis, name: Luis Pérez, role: supervisor, area: finanzas, telegram: abc}
  - {id: rosa, name: Rosa Díaz, role: usuario, area: finanza, language: fr}
schedules:
  cron: {resumen: "0 8 * *", informes: "@daily"}
  approval_reminder: 2 días
`)
	out, errs, err := runOut(t, nil, "config", "check", bad)
	var code exitCode
	if !errors.As(err, &code) || code != 1 {
		t.Fatalf("config check of a bad file: err = %v, want exit status 1", err)
	}
	if out != "" {
		t.Errorf("a bad file printed a summary:\n%s", out)
	}
	for _, want := range []string{
		bad + ":2: timezone: zona horaria desconocida «America/Ciudad_Gotica»",
		bad + ":3: clave «shedules» desconocida; ¿quisiste decir «schedules»?",
		bad + ":6: approvals › correo.alto: ninguna solicitud se llama así (¿quisiste decir «correo.alta»?)",
		bad + ":8: areas › finanzas: el jefe inmediato «luiz» no está entre people (¿quisiste decir «luis»?)",
		bad + ":10: people › luis › telegram: se espera un número entero, no «abc»",
		bad + ":11: people › rosa: el área «finanza» no existe en areas (¿quisiste decir «finanzas»?)",
		bad + ":11: people › rosa: idioma «fr» desconocido",
		bad + ":13: schedules › cron › resumen: «0 8 * *» no es una expresión cron",
		bad + ":13: schedules › cron › informes: no hay un trabajo con ese nombre (¿quisiste decir «informe»?)",
		bad + ":14: schedules › approval_reminder: se espera una duración como 24h",
		"10 errores",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("config check does not say %q:\n%s", want, errs)
		}
	}
	if goType.MatchString(errs) {
		t.Errorf("config check shows a Go type name:\n%s", errs)
	}

	for name, content := range map[string]string{
		"vacio.yaml":    "",
		"sintaxis.yaml": "institution: x\nareas:\n  - id: a\n    name: b\n   supervisor: c\n",
		"tab.yaml":      "institution: x\n\tareas: []\n",
	} {
		path := filepath.Join(dir, name)
		writeFile(t, path, content)
		_, errs, err := runOut(t, nil, "config", "check", path)
		if !errors.As(err, &code) || !strings.Contains(errs, path) || strings.Contains(errs, "line ") || strings.Contains(errs, "EOF") || strings.Contains(errs, "found") {
			t.Errorf("config check %s: err = %v, says\n%s", name, err, errs)
		}
	}

	good := filepath.Join(dir, "bueno.yaml")
	writeFile(t, good, string(config.Example()))
	out, errs, err = runOut(t, map[string]string{"CTDESK_CONFIG": good}, "config", "check")
	if err != nil {
		t.Fatalf("config check of the example: %v\n%s", err, errs)
	}
	for _, want := range []string{
		"es válido", "1 coordinador", "ana", "finanzas", "Luis Pérez (luis)",
		"Cuenta de correo electrónico: jefe inmediato para Alta (crear una cuenta), Baja (eliminar una cuenta)",
		"Publicación en el sitio web: Rectoría (autoridad), siempre",
		"Mantenimiento de equipo: sin visto bueno",
		"resumen", "(cron 0 8 * * 1-5)", "informe",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	// A configured visto bueno shows in the summary.
	writeFile(t, good, strings.Replace(string(config.Example()), "  correo.mantenimiento: false", "  correo.mantenimiento: false\n  mantenimiento.proyector: true", 1))
	out, _, _ = runOut(t, nil, "config", "check", good)
	if !strings.Contains(out, "Mantenimiento de equipo: jefe inmediato para Proyector") {
		t.Errorf("the summary does not show the configured visto bueno:\n%s", out)
	}
	if _, errs, err := runOut(t, nil, "config", "check", filepath.Join(dir, "no-existe.yaml")); err == nil || !strings.Contains(err.Error(), "no existe") {
		t.Errorf("a missing file: err = %v %s", err, errs)
	}
}

// goType matches Go type names in a message.
var goType = regexp.MustCompile(`main\.|\bconfig\.|\bint64\b|\bstring\b|!!str|!!int|\btime\.Duration\b|storage\.`)
