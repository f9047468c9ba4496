package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"net/url"

	"ctdesk/cmd/internal/config"
	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/sqlitestore"
)

// openStore opens Redis when REDIS_URL is set, else the embedded file
// CTDESK_DATA (default ./ctdesk.db). readOnly opens the file for a second
// process (a report or the bitácora) while the service runs.
func openStore(ctx context.Context, env Env, readOnly bool) (storage.Store, string, error) {
	if env.RedisURL != "" {
		st, err := openRedis(ctx, env.RedisURL, env.RedisPrefix)
		return st, "redis", err
	}
	path := env.Data
	var (
		st  *sqlitestore.Store
		err error
	)
	if readOnly {
		st, err = sqlitestore.OpenReadOnly(ctx, path)
	} else {
		st, err = sqlitestore.Open(ctx, path)
	}
	if err != nil {
		return nil, "", fileStoreError(path, readOnly, err)
	}
	return st, path, nil
}

// openRedis connects to Redis. Context deadlines bound every command (see
// redisstore.Open), so a hung server costs a caller its own deadline (the
// 2 s of /readyz), not go-redis' 5 s read timeout.
func openRedis(ctx context.Context, rawURL, prefix string) (*redisstore.Store, error) {
	st, err := redisstore.Open(rawURL, redisstore.Options{Prefix: prefix})
	if err != nil {
		return nil, errors.New("REDIS_URL no es una URL de Redis: escribe redis://HOST:6379/0 (rediss:// con TLS; redis+sentinel://… o redis+cluster://… según el README; min_replicas y replica_timeout como números y duraciones)")
	}
	pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := st.Ping(pctx); err != nil {
		_ = st.Close()
		where := "REDIS_URL"
		if u, perr := url.Parse(rawURL); perr == nil && u.Host != "" {
			where = u.Host
		}
		return nil, fmt.Errorf("no pude conectar con Redis en %s: %s", where, redisReason(err))
	}
	return st, nil
}

// redisReason says in Spanish why Redis did not answer.
func redisReason(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "NOAUTH"), strings.Contains(msg, "WRONGPASS"), strings.Contains(msg, "invalid password"):
		return "la contraseña o el usuario de REDIS_URL no son válidos"
	case strings.Contains(msg, "tls:"):
		return "falló TLS (" + msg + "); revisa rediss:// y el certificado"
	}
	return netReason(err)
}

// fileStoreError explains why the embedded store did not open.
func fileStoreError(path string, readOnly bool, err error) error {
	if _, serr := os.Stat(path); errors.Is(serr, fs.ErrNotExist) && readOnly {
		return fmt.Errorf("el almacén %s no existe todavía: arranca ctdesk una vez o revisa CTDESK_DATA", path)
	}
	dir := filepath.Dir(path)
	if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
		return fmt.Errorf("no pude abrir el almacén %s: la carpeta %s no existe; créala o cambia CTDESK_DATA", path, dir)
	}
	return fmt.Errorf("no pude abrir el almacén %s (%v): revisa que ctdesk pueda leer y escribir el archivo y su carpeta, y que sea un almacén de ctdesk", path, err)
}

// openReadStore opens the store for a command that only reads (report,
// bitácora). When the embedded file does not exist yet, it reads an empty
// store instead and returns a note saying so.
func openReadStore(ctx context.Context, env Env) (storage.Store, string, error) {
	path := env.Data
	if _, serr := os.Stat(path); env.RedisURL == "" && errors.Is(serr, fs.ErrNotExist) {
		dir, err := os.MkdirTemp("", "ctdesk-vacio-")
		if err != nil {
			return nil, "", err
		}
		st, err := sqlitestore.Open(ctx, filepath.Join(dir, "vacio.db"))
		if err != nil {
			os.RemoveAll(dir)
			return nil, "", err
		}
		note := fmt.Sprintf("Aún no hay datos: el almacén %s no existe todavía (se crea la primera vez que ctdesk atiende), así que el resultado está vacío.", path)
		return emptyStore{st, dir}, note, nil
	}
	st, _, err := openStore(ctx, env, true)
	return st, "", err
}

// emptyStore is a throwaway empty store, removed when closed.
type emptyStore struct {
	*sqlitestore.Store
	dir string
}

// Close closes the store and removes its folder.
func (e emptyStore) Close() error {
	return errors.Join(e.Store.Close(), os.RemoveAll(e.dir))
}

// seed puts the configured areas and people in the store. People who
// registered through chat stay; the platform a person last used is kept
// unless the file sets one.
func seed(ctx context.Context, c *config.Config, st storage.Store) error {
	for _, a := range c.Areas {
		if err := st.PutArea(ctx, a); err != nil {
			return fmt.Errorf("seed area %s: %w", a.ID, err)
		}
	}
	for _, pc := range c.People {
		p := pc.Person()
		if old, err := st.Person(ctx, p.ID); err == nil {
			if p.Platform == "" {
				p.Platform = old.Platform
			}
			for k, v := range old.Accounts {
				if _, set := p.Accounts[k]; !set {
					p.Accounts[k] = v
				}
			}
		} else if !errors.Is(err, storage.ErrNotFound) {
			return fmt.Errorf("seed person %s: %w", p.ID, err)
		}
		if err := st.PutPerson(ctx, p); err != nil {
			return fmt.Errorf("seed person %s: %w", p.ID, err)
		}
	}
	return nil
}
