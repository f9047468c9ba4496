package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os/user"

	"ctdesk/conversations/policy"
	"ctdesk/storage"
)

// comoFlag declares --como on a command that writes to the records.
func comoFlag(fs *flag.FlagSet) *string {
	return fs.String("como", "", "quién lo hace, `PERSONA` del directorio (por omisión, el usuario del sistema)")
}

// fromCLI ends the bitácora detail of what a command did, so the entry says
// where it was done.
const fromCLI = " (desde la línea de comandos)"

// whoRuns is who the bitácora names for a command that writes: the person
// --como names, who must be in the directory and may use the command; or
// else the system user who runs ctdesk — as that person when the directory
// has someone with that id who may use it, else by the user's name alone.
func whoRuns(ctx context.Context, c *call, dir storage.Directory, como string, use policy.Command) (storage.Person, error) {
	if como != "" {
		p, err := dir.Person(ctx, como)
		switch {
		case errors.Is(err, storage.ErrNotFound), err == nil && (p.Pending || p.Disabled):
			return storage.Person{}, fmt.Errorf("--como %s: no hay nadie activo con ese id en el directorio", como)
		case err != nil:
			return storage.Person{}, fmt.Errorf("--como %s: no pude leer el directorio: %w", como, err)
		case !policy.MayUse(use, p):
			return storage.Person{}, fmt.Errorf("--como %s: %s no puede hacerlo; es de la coordinación de CT", como, p.Name)
		}
		return p, nil
	}
	name := systemUser(c)
	if p, err := dir.Person(ctx, name); err == nil && !p.Pending && !p.Disabled && policy.MayUse(use, p) {
		return p, nil
	}
	return storage.Person{ID: name}, nil
}

// systemUser is the name of the system user who runs ctdesk.
func systemUser(c *call) string {
	env, _ := c.env()
	if env.User != "" {
		return env.User
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "sistema"
}
