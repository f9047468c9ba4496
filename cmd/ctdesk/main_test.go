package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/storage/leaktest"
	"ctdesk/storage/redisstore/redistest"
)

// altaScript is the correo alta of issue 2, typed as a newcomer would.
const altaScript = `/as rosa
/nueva
Cuenta de correo electrónico
1
Rosa Díaz Martínez
Analista de presupuesto
Dirección de Finanzas
rosa.diaz@upe.edu.mx
Se incorporó a Finanzas y necesita correo institucional.
Enviar
/as luis
Aprobar
/as beto
Tomar
Fijar fecha
mañana
Completar
Omitir
/as rosa
Firmar de recibido
5
`

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// runCtdesk runs the command with the input and returns its output.
func runCtdesk(t *testing.T, vars map[string]string, stdin string, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, args, env(vars), strings.NewReader(stdin), &out, &errs); err != nil {
		t.Fatalf("ctdesk %v: %v\nstderr:\n%s", args, err, errs.String())
	}
	return out.String()
}

// TestConsoleCorreoAlta plays the whole e-mail account procedure over a
// pipe, on the embedded store and on Redis, then reads the bitácora.
func TestConsoleCorreoAlta(t *testing.T) {
	// Each store comes with the check that a secret is stored nowhere in it.
	type leakCheck func(t *testing.T, secret string)
	stores := map[string]func(t *testing.T) (map[string]string, leakCheck){
		"sqlite": func(t *testing.T) (map[string]string, leakCheck) {
			path := filepath.Join(t.TempDir(), "ctdesk.db")
			return map[string]string{"CTDESK_DATA": path},
				func(t *testing.T, secret string) { leaktest.SQLite(t, path, secret) }
		},
		"redis": func(t *testing.T) (map[string]string, leakCheck) {
			srv := redistest.Start(t)
			prefix := srv.Prefix(t)
			return map[string]string{"REDIS_URL": srv.URL(), "CTDESK_REDIS_PREFIX": prefix},
				func(t *testing.T, secret string) { leaktest.Redis(t, srv.Client(t), prefix, secret) }
		},
	}
	for name, vars := range stores {
		t.Run(name, func(t *testing.T) {
			v, noSecret := vars(t)
			out := runCtdesk(t, v, altaScript)
			folio := fmt.Sprintf("CT-%d-0001", time.Now().In(mexico(t)).Year())
			for _, want := range []string{
				"Registré tu solicitud " + folio,
				"→ luis:\n  Rosa Díaz (Dirección de Finanzas) pide tu visto bueno",
				"[1] Aprobar  [2] Rechazar",
				"→ rosa (confidencial):\n  Tu cuenta rosa.diaz@upe.edu.mx está lista.\n  Contraseña temporal: ",
				"Registré tu firma de responsabilidad en la Bitácora CT-RG.02",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("console output lacks %q\n%s", want, out)
				}
			}
			// The password reaches rosa only after beto completes.
			if i, j := strings.Index(out, "✔ Completada"), strings.Index(out, "Contraseña temporal: "); i < 0 || j < 0 || j > i {
				t.Errorf("password shown at %d, completion at %d", j, i)
			}

			noSecret(t, shownPassword(t, out))

			log := runCtdesk(t, v, "", "bitacora", "--folio", folio)
			rows, err := csv.NewReader(strings.NewReader(log)).ReadAll()
			if err != nil {
				t.Fatalf("bitácora is not CSV: %v\n%s", err, log)
			}
			var steps []string
			for _, r := range rows[1:] {
				if r[0] == "" || r[1] == "" {
					t.Errorf("entry without date or time: %v", r)
				}
				steps = append(steps, r[2]+":"+r[4]+":"+r[6])
			}
			// Actions as phrases, roles with their accents, one entry for the signature.
			want := "rosa:usuario:Solicitud registrada luis:jefe inmediato:Visto bueno otorgado beto:técnico:Solicitud tomada beto:técnico:Fecha comprometida fijada " +
				"beto:técnico:Contraseña entregada beto:técnico:Solicitud de correo atendida rosa:usuario:Responsabilidad de la cuenta firmada rosa:usuario:Servicio calificado"
			if got := strings.Join(steps, " "); got != want {
				t.Errorf("bitácora steps\n got: %s\nwant: %s", got, want)
			}
			_, rest, _ := strings.Cut(out, "Contraseña temporal: ")
			pw, _, _ := strings.Cut(rest, "\n")
			if pw == "" || strings.Contains(log, pw) || strings.Contains(log, "Contraseña temporal") || strings.Contains(strings.ToLower(log), "password") {
				t.Errorf("the bitácora mentions the password:\n%s", log)
			}
		})
	}
}

// shownPassword returns the temporary password shown in the console.
func shownPassword(t *testing.T, out string) string {
	t.Helper()
	_, rest, ok := strings.Cut(out, "Contraseña temporal: ")
	if !ok {
		t.Fatal("no temporary password in the output")
	}
	pw, _, _ := strings.Cut(rest, "\n")
	if len(pw) < 12 {
		t.Fatalf("temporary password %q is too short", pw)
	}
	return pw
}

func mexico(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("America/Mexico_City")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
