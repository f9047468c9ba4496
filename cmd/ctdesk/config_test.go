package main

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
		}, `el área "compras" no existe`},
		{"supervisor not among people", func(s string) string {
			return strings.Replace(s, "supervisor: luis}", "supervisor: pepe}", 1)
		}, `el jefe inmediato "pepe" no está entre people`},
		{"duplicate chat id", func(s string) string { return strings.Replace(s, "telegram: 2002", "telegram: 2001", 1) }, "misma cuenta telegram 2001"},
		{"bad time zone", func(s string) string {
			return strings.Replace(s, "timezone: America/Mexico_City", "timezone: America/Ciudad_Gotica", 1)
		}, "zona horaria desconocida"},
		{"unknown role", func(s string) string { return strings.Replace(s, "role: tecnico", "role: becario", 1) }, `rol "becario" desconocido`},
		{"unknown key", func(s string) string { return s + "\ncolor: azul\n" }, "color"},
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
