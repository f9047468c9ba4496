package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ctdesk/storage"
	"ctdesk/storage/redisstore/redistest"
)

// TestBackupRoundTrips walks all five services on SQLite and on Redis, then
// backs each store up and restores it into the other kind (and SQLite into
// SQLite): the bitácora and every ticket are the same afterwards, and the
// next request takes the next folio.
func TestBackupRoundTrips(t *testing.T) {
	srv := redistest.Start(t)
	sqliteEnv := func(t *testing.T) map[string]string {
		return map[string]string{"CTDESK_DATA": filepath.Join(t.TempDir(), "ctdesk.db")}
	}
	redisEnv := func(t *testing.T) map[string]string {
		return map[string]string{"REDIS_URL": srv.URL(), "CTDESK_REDIS_PREFIX": srv.Prefix(t)}
	}
	walked := map[string]map[string]string{"sqlite": sqliteEnv(t), "redis": redisEnv(t)}
	for _, v := range walked {
		runCtdesk(t, v, fiveServices(t, t.TempDir()))
		tickets := storeTickets(t, v)
		if len(tickets) != 5 {
			t.Fatalf("the walks made %d tickets, want 5", len(tickets))
		}
		for _, tk := range tickets {
			if tk.Status != storage.StatusClosed || tk.Rating == nil {
				t.Fatalf("%s (%s) ended %q, rated %v: the walk went astray", tk.Folio, tk.Service, tk.Status, tk.Rating)
			}
		}
	}
	for _, tc := range []struct {
		from, to string
		dest     func(*testing.T) map[string]string
	}{
		{"sqlite", "sqlite", sqliteEnv},
		{"sqlite", "redis", redisEnv},
		{"redis", "sqlite", sqliteEnv},
	} {
		t.Run(tc.from+"→"+tc.to, func(t *testing.T) {
			src, dst := walked[tc.from], tc.dest(t)
			file := filepath.Join(t.TempDir(), "ctdesk.respaldo")
			runCtdesk(t, src, "", "backup", "--out", file)
			if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("backup file: %v, %v; want mode 0600", fi, err)
			}
			runCtdesk(t, dst, "", "restore", file)

			if got, want := runCtdesk(t, dst, "", "bitacora"), runCtdesk(t, src, "", "bitacora"); got != want {
				t.Errorf("bitácora after the restore:\n%s\nwant:\n%s", got, want)
			}
			if got, want := ticketsJSON(t, dst), ticketsJSON(t, src); got != want {
				t.Errorf("tickets after the restore:\n%s\nwant:\n%s", got, want)
			}
			next := strings.SplitAfter(altaScript, "Enviar\n")[0]
			if out := runCtdesk(t, dst, next); !strings.Contains(out, "Registré tu solicitud "+thisYearFolio(t, 6)) {
				t.Errorf("the next request after the restore did not get %s:\n%s", thisYearFolio(t, 6), out)
			}

			// The store has records now: a second restore needs --force.
			var stderr strings.Builder
			err := run(t.Context(), []string{"restore", file}, env(dst), strings.NewReader(""), &strings.Builder{}, &stderr)
			if err == nil || !strings.Contains(err.Error(), "ya tiene registros") || !strings.Contains(err.Error(), "--force") {
				t.Errorf("restore into a store with records: %v", err)
			}
			runCtdesk(t, dst, "", "restore", "--force", file)
			if got := storeTickets(t, dst); len(got) != 5 {
				t.Errorf("after restore --force: %d tickets, want the backup's 5", len(got))
			}
		})
	}
}

// TestRestoreRefusesBrokenFiles checks that a cut or foreign file is
// refused before the store is touched.
func TestRestoreRefusesBrokenFiles(t *testing.T) {
	dir := t.TempDir()
	src := map[string]string{"CTDESK_DATA": filepath.Join(dir, "a.db")}
	runCtdesk(t, src, altaScript)
	file := filepath.Join(dir, "a.respaldo")
	runCtdesk(t, src, "", "backup", "--out", file)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cortado.respaldo")
	writeFile(t, cut, string(data[:len(data)-30]))
	dst := map[string]string{"CTDESK_DATA": filepath.Join(dir, "b.db")}
	for path, want := range map[string]string{cut: "cortado o alterado", filepath.Join(dir, "a.db"): "no es un respaldo de ctdesk"} {
		err := run(t.Context(), []string{"restore", path}, env(dst), strings.NewReader(""), &strings.Builder{}, &strings.Builder{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("restore %s: %v, want it to say %q", filepath.Base(path), err, want)
		}
	}
	if _, err := os.Stat(dst["CTDESK_DATA"]); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore created the store: %v", err)
	}
	if _, _, err := runOut(t, dst, "backup"); err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("backup without --out: %v", err)
	}
}

// storeTickets reads every ticket of the store the environment names.
func storeTickets(t *testing.T, vars map[string]string) []storage.Ticket {
	t.Helper()
	e, err := readEnv(env(vars))
	if err != nil {
		t.Fatal(err)
	}
	st, _, err := openStore(context.Background(), e, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tickets, err := st.Tickets(t.Context(), storage.TicketFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return tickets
}

// ticketsJSON is every ticket of a store, as JSON with instants in UTC.
func ticketsJSON(t *testing.T, vars map[string]string) string {
	t.Helper()
	tickets := storeTickets(t, vars)
	for i := range tickets {
		tk := &tickets[i]
		tk.Created, tk.Updated, tk.Closed = tk.Created.UTC(), tk.Updated.UTC(), tk.Closed.UTC()
	}
	b, err := json.MarshalIndent(tickets, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
