package config

import (
	"os"
	"path/filepath"
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
			_, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to mention %q", err, tt.want)
			}
		})
	}
	if _, err := Load(""); err != nil {
		t.Errorf("the bundled example is refused: %v", err)
	}
}

// TestConfigRoleWithAccent: «técnico» and «tecnico» are the same role.
func TestConfigRoleWithAccent(t *testing.T) {
	for _, written := range []string{"técnico", "Técnico", "tecnico"} {
		path := filepath.Join(t.TempDir(), "ctdesk.yaml")
		edited := strings.Replace(string(exampleConfig), "role: tecnico,    ", "role: "+written+",", 1)
		if !strings.Contains(edited, "role: "+written+", area") {
			t.Fatalf("the example has no técnico to rewrite")
		}
		if err := os.WriteFile(path, []byte(edited), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(path)
		if err != nil {
			t.Fatalf("role %q refused: %v", written, err)
		}
		for _, p := range c.People {
			if p.ID == "beto" && p.Person().Role != "tecnico" {
				t.Errorf("role %q read as %q, want tecnico", written, p.Person().Role)
			}
		}
	}
}
