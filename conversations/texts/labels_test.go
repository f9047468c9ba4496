package texts_test

import (
	"testing"

	"ctdesk/conversations/procedures"
	"ctdesk/conversations/texts"
)

// TestEveryActionHasARecordPhrase keeps the records free of codes: every
// action a service declares, and every status it reaches, has a name of its
// own in every language.
func TestEveryActionHasARecordPhrase(t *testing.T) {
	for _, lang := range texts.Languages() {
		for _, svc := range procedures.All() {
			for _, a := range svc.Actions {
				if !texts.HasActionDone(lang, svc.ID, a.ID) {
					t.Errorf("%s: action %s.%s has no record phrase (rec.act.%s)", lang, svc.ID, a.ID, a.ID)
				}
			}
			for _, st := range svc.Statuses() {
				if !texts.Has(lang, svc.ID+".status."+st) && !texts.Has(lang, "status."+st) {
					t.Errorf("%s: status %s.%s has no name", lang, svc.ID, st)
				}
			}
		}
	}
}

func TestLabels(t *testing.T) {
	es := texts.Labels{Lang: "es"}
	tests := []struct{ name, got, want string }{
		{"a service's own phrase", es.Action("web", "crear_cms"), "Creado en el CMS"},
		{"shared phrase", es.Action("correo", "contrasena_entregada"), "Contraseña entregada"},
		{"service first", es.Action("diseno", "entregar"), "Diseño final entregado"},
		{"unknown code written as words", es.Action("", "algo_nuevo"), "Algo nuevo"},
		{"status", es.Status("control-escolar", "en_adecuacion"), "En adecuación"},
		{"shared status", es.Status("correo", "por_aprobar"), "En espera de visto bueno"},
		{"role with accents", es.Role("tecnico"), "técnico"},
		{"supervisor", es.Role("supervisor"), "jefe inmediato"},
		{"unknown role as is", es.Role(""), ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
