package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestConfigErrors checks that a wrong configuration is refused with a
// message that names what to fix.
func TestConfigErrors(t *testing.T) {
	base := string(exampleConfig)
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"unknown area", func(s string) string {
			return strings.Replace(s, "role: usuario,     area: finanzas", "role: usuario,     area: compras", 1)
		}, `:26: people › rosa: el área «compras» no existe en areas`},
		{"supervisor not among people", func(s string) string {
			return strings.Replace(s, "supervisor: luis}", "supervisor: pepe}", 1)
		}, `:19: areas › finanzas: el jefe inmediato «pepe» no está entre people`},
		{"duplicate chat id", func(s string) string { return strings.Replace(s, "telegram: 2002", "telegram: 2001", 1) }, "people › rosa: tiene la misma cuenta telegram 2001 que luis"},
		{"bad time zone", func(s string) string {
			return strings.Replace(s, "timezone: America/Mexico_City", "timezone: America/Ciudad_Gotica", 1)
		}, ":5: timezone: zona horaria desconocida"},
		{"unknown role", func(s string) string { return strings.Replace(s, "role: tecnico", "role: becario", 1) }, `people › beto: rol «becario» desconocido`},
		{"unknown key", func(s string) string { return s + "\ncolor: azul\n" }, "clave «color» desconocida"},
		{"mail domain with an accent", func(s string) string {
			return strings.Replace(s, "mail_domain: upe.edu.mx", "mail_domain: upé.edu.mx", 1)
		}, "mail_domain: «upé.edu.mx» no es un dominio"},
		{"mail domain with an at sign", func(s string) string {
			return strings.Replace(s, "mail_domain: upe.edu.mx", `mail_domain: "@upe.edu.mx"`, 1)
		}, "mail_domain: «@upe.edu.mx» no es un dominio"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "ctdesk.yaml")
			if err := os.WriteFile(path, []byte(tt.edit(base)), 0o600); err != nil {
				t.Fatal(err)
			}
			_, err := loadConfig(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, err := loadConfig(""); err != nil {
		t.Errorf("the bundled example is refused: %v", err)
	}
}

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
	writeFile(t, good, string(exampleConfig))
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
	writeFile(t, good, strings.Replace(string(exampleConfig), "  correo.mantenimiento: false", "  correo.mantenimiento: false\n  mantenimiento.proyector: true", 1))
	out, _, _ = runOut(t, nil, "config", "check", good)
	if !strings.Contains(out, "Mantenimiento de equipo: jefe inmediato para Proyector") {
		t.Errorf("the summary does not show the configured visto bueno:\n%s", out)
	}
	if _, errs, err := runOut(t, nil, "config", "check", filepath.Join(dir, "no-existe.yaml")); err == nil || !strings.Contains(err.Error(), "no existe") {
		t.Errorf("a missing file: err = %v %s", err, errs)
	}
}

// goType matches Go type names in a message.
var goType = regexp.MustCompile(`main\.|\bint64\b|\bstring\b|!!str|!!int|\btime\.Duration\b|storage\.`)

// TestConfigRoleWithAccent: «técnico» and «tecnico» are the same role.
func TestConfigRoleWithAccent(t *testing.T) {
	for _, written := range []string{"técnico", "Técnico", "tecnico"} {
		path := filepath.Join(t.TempDir(), "ctdesk.yaml")
		edited := strings.Replace(string(exampleConfig), "role: tecnico,    ", "role: "+written+",", 1)
		if !strings.Contains(edited, "role: "+written+", area") {
			t.Fatalf("the example has no técnico to rewrite")
		}
		writeFile(t, path, edited)
		c, err := loadConfig(path)
		if err != nil {
			t.Fatalf("role %q refused: %v", written, err)
		}
		for _, p := range c.People {
			if p.ID == "beto" && p.person().Role != "tecnico" {
				t.Errorf("role %q read as %q, want tecnico", written, p.person().Role)
			}
		}
	}
}
