package leaktest_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/storage"
	"ctdesk/storage/leaktest"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/redisstore/redistest"
	"ctdesk/storage/sqlitestore"
)

// secret looks like the temporary passwords ctdesk hands out, with the
// characters JSON and URLs escape.
const secret = "Tq7#mP<z4&Xa9kWe"

// TestFormsFindEncodedSecret: the secret is found however a record
// encodes it, at any offset, and an unrelated value is not taken for it.
func TestFormsFindEncodedSecret(t *testing.T) {
	for off := range 6 {
		payload := strings.Repeat("x", off) + "Tu contraseña: " + secret + " fin"
		js, _ := json.Marshal(map[string]any{"text": payload, "raw": []byte(payload)}) // []byte: base64
		for name, v := range map[string]string{"json": string(js)} {
			if !contains(v, secret) {
				t.Errorf("offset %d: %s %s: not found", off, name, v)
			}
			if i := strings.Index(v, `"raw":`); !contains(v[i:], secret) {
				t.Errorf("offset %d: base64 %s: not found", off, v[i:])
			}
		}
	}
	if contains(`{"text":"Tu contraseña quedó entregada"}`, secret) {
		t.Error("found a secret that is not there")
	}
}

func contains(v, secret string) bool {
	for _, f := range leaktest.Forms(secret) {
		if strings.Contains(v, string(f)) {
			return true
		}
	}
	return false
}

// change is what a correo alta commits: nothing in it carries the secret.
func change(now time.Time) storage.Change {
	token := storage.NewFolioToken()
	return storage.Change{
		Seen:       "tg:42",
		FolioToken: token,
		Tickets: []storage.TicketWrite{{Ticket: storage.Ticket{Service: "correo", Requester: "rosa", Area: "finanzas",
			Status: "por_firmar", Fields: map[string]string{"cuenta": "rosa.diaz"}, Created: now, Updated: now}}},
		Log: []storage.LogEntry{{At: now, Who: "beto", Folio: token, Action: "contrasena_entregada"}},
		Outbox: []storage.OutboxItem{{ID: "m1", Recipient: "rosa", Created: now,
			Payload: []byte(`{"text":"Tu cuenta está lista."}`)}},
		Dialogs: []storage.DialogWrite{{Dialog: storage.Dialog{Person: "rosa", Data: []byte(`{"paso":"firma"}`), Updated: now}}},
	}
}

// plant stores the secret through the store's API in every kind of record
// that could carry it, and returns how many places it went to.
func plant(t *testing.T, s storage.Store, now time.Time) {
	t.Helper()
	ctx := t.Context()
	c := change(now)
	c.Seen = "tg:43"
	c.Tickets[0].Ticket.Fields["nota"] = secret
	c.Log[0].Detail = "contraseña " + secret
	c.Outbox[0].ID = "m2"
	c.Outbox[0].Payload, _ = json.Marshal(map[string]any{"text": "Contraseña: " + secret})
	c.Dialogs[0].Dialog.Data = []byte(`{"pw":"` + secret + `"}`)
	c.Dialogs[0].Expect = 1
	if _, err := s.Commit(ctx, c); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if _, err := s.PutFile(ctx, storage.File{Name: "pw.txt", Data: []byte(secret), Created: now}); err != nil {
		t.Fatalf("PutFile: %v", err)
	}
	if err := s.SetValue(ctx, "sealed", []byte(secret), 0); err != nil {
		t.Fatalf("SetValue: %v", err)
	}
}

// TestRedis: a store's records are clean until the secret is written,
// then each record that holds it is named, whatever the key's type, on a
// single server and on a Cluster.
func TestRedis(t *testing.T) {
	deployments := map[string]func(t *testing.T) (redis.UniversalClient, string, string){
		"single": func(t *testing.T) (redis.UniversalClient, string, string) {
			srv := redistest.Start(t)
			return srv.Client(t), srv.URL(), srv.Prefix(t)
		},
		"cluster": func(t *testing.T) (redis.UniversalClient, string, string) {
			c := redistest.StartCluster(t)
			return c.Client(t), c.URL(), c.Prefix(t)
		},
	}
	for name, deploy := range deployments {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, url, prefix := deploy(t)
			s, err := redisstore.Open(url, redisstore.Options{Prefix: prefix})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			ctx := t.Context()
			now := time.Now()
			if _, err := s.Commit(ctx, change(now)); err != nil {
				t.Fatalf("Commit: %v", err)
			}
			leaktest.Redis(t, c, prefix, secret)

			plant(t, s, now)
			p := "{" + prefix + "}:"
			for _, err := range []error{ // the types the store does not use today
				c.RPush(ctx, p+"x:list", "a", secret).Err(),
				c.SAdd(ctx, p+"x:set", "a", secret).Err(),
				c.ZAdd(ctx, p+"x:zset", redis.Z{Member: secret}).Err(),
				c.XAdd(ctx, &redis.XAddArgs{Stream: p + "x:stream", Values: []string{"pw", secret}}).Err(),
				c.Set(ctx, p+"x:"+secret, "1", 0).Err(),
			} {
				if err != nil {
					t.Fatal(err)
				}
			}
			found, err := leaktest.FindRedis(ctx, c, prefix, secret)
			if err != nil {
				t.Fatalf("FindRedis: %v", err)
			}
			got := strings.Join(found, "\n")
			for _, want := range []string{"t:CT-", "log [1]", "log:f:CT-", "ob:i:m2 field p", "d:rosa field d", "f:", "v:sealed",
				"x:list [1]", "x:set member", "x:zset member", "x:stream entry", "(the key's name)"} {
				if !strings.Contains(got, want) {
					t.Errorf("FindRedis: no place with %q in\n%s", want, got)
				}
			}
			if other, err := leaktest.FindRedis(ctx, c, prefix+"-otro", secret); err != nil || len(other) > 0 {
				t.Errorf("FindRedis under another prefix: got %q, %v; want nothing", other, err)
			}
		})
	}
}

// TestSQLite: the same for the embedded store, found in the tables' rows
// and in the files' bytes.
func TestSQLite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ctdesk.db")
	ctx := t.Context()
	s, err := sqlitestore.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	if _, err := s.Commit(ctx, change(now)); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	leaktest.SQLite(t, path, secret)

	plant(t, s, now)
	found, err := leaktest.FindSQLite(ctx, path, secret)
	if err != nil {
		t.Fatalf("FindSQLite: %v", err)
	}
	got := strings.Join(found, "\n")
	for _, want := range []string{"tickets row", "log row", "outbox row", "dialogs row", "files row", "kv row", "the file " + path} {
		if !strings.Contains(got, want) {
			t.Errorf("FindSQLite: no place with %q in\n%s", want, got)
		}
	}
	if _, err := leaktest.FindSQLite(ctx, path, "corta"); err == nil {
		t.Error("FindSQLite with a 5-byte secret: got nil error, want one about its length")
	}
}
