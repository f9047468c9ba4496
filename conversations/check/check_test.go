package check

import "testing"

func TestEmail(t *testing.T) {
	tests := []struct {
		name, text, domain, want string
		problem                  EmailProblem
	}{
		{"full address", " Maria.Gomez@UPE.edu.mx ", "upe.edu.mx", "maria.gomez@upe.edu.mx", EmailOK},
		{"local part only gets the domain", "maria.gomez", "upe.edu.mx", "maria.gomez@upe.edu.mx", EmailOK},
		{"atext symbols", "a+b_c-d@upe.edu.mx", "upe.edu.mx", "a+b_c-d@upe.edu.mx", EmailOK},
		{"no domain configured", "rosa@otra.org", "", "rosa@otra.org", EmailOK},
		{"non-ASCII local part", "ñ@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"accented local part", "maría@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"words with spaces", "no es correo", "upe.edu.mx", "", EmailMalformed},
		{"leading dot", ".rosa@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"trailing dot", "rosa.@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"double dot", "ro..sa@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"quoted local part", `"ro sa"@upe.edu.mx`, "upe.edu.mx", "", EmailMalformed},
		{"two at signs", "rosa@@upe.edu.mx", "upe.edu.mx", "", EmailMalformed},
		{"display name", "Rosa <rosa@upe.edu.mx>", "upe.edu.mx", "", EmailMalformed},
		{"host of one label", "rosa@localhost", "", "", EmailMalformed},
		{"host with a bad label", "rosa@-upe.edu.mx", "", "", EmailMalformed},
		{"empty", "  ", "upe.edu.mx", "", EmailMalformed},
		{"another domain", "rosa@gmail.com", "upe.edu.mx", "", EmailOtherDomain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problem := Email(tt.text, tt.domain)
			if got != tt.want || problem != tt.problem {
				t.Errorf("Email(%q, %q) = %q, %d; want %q, %d", tt.text, tt.domain, got, problem, tt.want, tt.problem)
			}
		})
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"  María   Gómez ", "María Gómez", true},
		{"O'Brien", "O'Brien", true},
		{"Ma. José Pérez-Núñez", "Ma. José Pérez-Núñez", true},
		{"Li", "Li", true},
		{"Jose\u0301", "Jose\u0301", true},
		{`<b>&"'`, "", false},
		{"M", "", false},
		{"-- .", "", false},
		{"'Ana", "", false},
		{"Ana2", "", false},
		{"Ana <b>", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := Name(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Name(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}

func TestURL(t *testing.T) {
	tests := []struct {
		text, want string
		ok         bool
	}{
		{"upe.edu.mx/avisos", "https://upe.edu.mx/avisos", true},
		{"http://www.upe.edu.mx:8080/a?b=c", "http://www.upe.edu.mx:8080/a?b=c", true},
		{"ftp://upe.edu.mx", "", false},
		{"https://user:pw@upe.edu.mx", "", false},
		{"https://localhost/x", "", false},
		{"javascript:alert(1)", "", false},
		{"upe edu mx", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := URL(tt.text)
		if got != tt.want || ok != tt.ok {
			t.Errorf("URL(%q) = %q, %v; want %q, %v", tt.text, got, ok, tt.want, tt.ok)
		}
	}
}
