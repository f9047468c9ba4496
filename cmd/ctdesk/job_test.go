package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/cmd/internal/config"
	"ctdesk/lib/calendar"
)

// workday returns a business day at least days ahead that the example
// configuration does not close (its winter holidays), as «dd/mm/aaaa».
func workday(t *testing.T, days int) string {
	t.Helper()
	loc := mexico(t)
	cal := calendar.New(loc)
	d := time.Now().In(loc).AddDate(0, 0, days)
	for !cal.IsBusinessDay(d) || (d.Month() == time.December && d.Day() >= 21) || (d.Month() == time.January && d.Day() <= 6) {
		d = d.AddDate(0, 0, 1)
	}
	return d.Format("02/01/2006")
}

// TestConsoleClock: in the console /reloj moves the engine's and the
// scheduler's clocks together: the jobs due in between run once, and the
// coordinator's digest shows at once, counting the request's wait from the
// moved clock; the clock does not go back.
func TestConsoleClock(t *testing.T) {
	v := map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}
	day := workday(t, 20)
	target, err := time.ParseInLocation("02/01/2006 15:04", day+" 08:30", mexico(t))
	if err != nil {
		t.Fatal(err)
	}
	waited := int(time.Until(target).Hours() / 24)
	out := runCtdesk(t, v, strings.Join([]string{
		"/reloj",
		"/as rosa", "/nueva", "Cuenta de correo electrónico", "1", "Pedro Gómez Luna", "Auxiliar administrativo",
		"Dirección de Finanzas", "pedro.gomez@upe.edu.mx", "Se incorpora a Finanzas.", "Enviar",
		"/reloj " + day + " 08:30",
		"/reloj 01/01/2020",
		"/reloj",
	}, "\n")+"\n")
	for _, want := range []string{
		"— Reloj de la consola: ",
		"— El reloj de la consola avanzó: ahora es ",
		"— Corrieron los trabajos programados que tocaban: ",
		"→ ana:\n  Resumen del ",
		"En espera de visto bueno (1):",
		"El reloj de la consola solo avanza",
		day + " 08:30.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(out, fmt.Sprintf("(desde hace %d días)", waited)) && !strings.Contains(out, fmt.Sprintf("(desde hace %d días)", waited-1)) {
		t.Errorf("the digest does not count the wait from the moved clock:\n%s", out)
	}
	if n := strings.Count(out, "Resumen del "); n != 1 {
		t.Errorf("%d digests, want one for the day the clock moved to:\n%s", n, out)
	}
}

// TestJobRun: `ctdesk job run` runs one job once, as if at --at, and says
// what it sent; run again it sends nothing new; a mistyped name gets a
// suggestion.
func TestJobRun(t *testing.T) {
	v := map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}
	day := workday(t, 10)
	out, errs, err := runOut(t, v, "job", "run", "resumen", "--at", day+" 08:00")
	if err != nil {
		t.Fatalf("job run: %v\n%s", err, errs)
	}
	for _, want := range []string{"Corrí el trabajo resumen como el " + day + " 08:00.", "Envió 1 mensaje", "→ ana: Resumen del "} {
		if !strings.Contains(out, want) {
			t.Errorf("job run says %q; want %q", out, want)
		}
	}
	out, _, err = runOut(t, v, "job", "run", "resumen", "--at", day+" 08:00")
	if err != nil || !strings.Contains(out, "No envió nada") {
		t.Errorf("job run again: %q, %v; want nothing sent twice", out, err)
	}
	_, errs, err = runOut(t, v, "job", "run", "resumn")
	if !errors.Is(err, errUsage) || !strings.Contains(errs, "¿Quisiste decir «resumen»?") {
		t.Errorf("a mistyped job: %v, %q; want a usage error with a suggestion", err, errs)
	}
	if _, _, err := runOut(t, v, "job", "run", "resumen", "--at", "el día que sea"); err == nil {
		t.Error("a bad --at was taken")
	}
}

// TestUnknownLanguage: a language with no catalogue is an error, in
// `config check` and when ctdesk starts, never a silent fallback.
func TestUnknownLanguage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.yaml")
	writeFile(t, path, strings.Replace(string(config.Example()), "language: es", "language: fr", 1))
	_, errs, err := runOut(t, nil, "config", "check", path)
	if err == nil || !strings.Contains(errs, "idioma «fr» desconocido") {
		t.Errorf("config check: %v, %q; want the unknown language named", err, errs)
	}
	v := map[string]string{"CTDESK_CONFIG": path, "CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}
	_, errs, err = runOut(t, v, "serve")
	if err == nil || !strings.Contains(err.Error()+errs, "idioma «fr» desconocido") {
		t.Errorf("serve: %v, %q; want it refused naming the language", err, errs)
	}
}
