package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseFlags parses args on fs and returns the positional arguments.
// Flags may come after positional arguments too ("restore FILE --force"),
// "--" ends the flags, and every error is in Spanish (flag's own messages
// are English and never reach the operator).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, flagError(fs, err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// flagError translates the flag package's errors into Spanish.
func flagError(fs *flag.FlagSet, err error) error {
	msg := err.Error()
	var known []string
	fs.VisitAll(func(f *flag.Flag) { known = append(known, "--"+f.Name) })
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		name := "-" + strings.TrimLeft(strings.TrimPrefix(msg, "flag provided but not defined: "), "-")
		if len(known) == 0 {
			return fmt.Errorf("la opción -%s no existe: este subcomando no tiene opciones", name)
		}
		return fmt.Errorf("la opción -%s no existe.%s Las opciones son: %s", name, suggest("-"+name, known), strings.Join(known, ", "))
	case strings.HasPrefix(msg, "flag needs an argument: "):
		name := strings.TrimLeft(strings.TrimPrefix(msg, "flag needs an argument: "), "-")
		return fmt.Errorf("la opción --%s necesita un valor, p. ej. --%s %s", name, name, placeholder(fs, name))
	case strings.HasPrefix(msg, "invalid value ") || strings.HasPrefix(msg, "invalid boolean value "):
		return invalidValue(fs, msg)
	case strings.HasPrefix(msg, "bad flag syntax: "):
		return fmt.Errorf("opción mal escrita: %s (escribe --nombre valor o --nombre=valor)", strings.TrimPrefix(msg, "bad flag syntax: "))
	}
	return fmt.Errorf("opciones no válidas: %s", msg)
}

// invalidValue reads `invalid value "v" for flag -name: reason`.
func invalidValue(fs *flag.FlagSet, msg string) error {
	_, rest, _ := strings.Cut(msg, "value ")
	value, rest, _ := strings.Cut(rest, " for ")
	if v, err := strconv.Unquote(value); err == nil {
		value = v
	}
	rest = strings.TrimPrefix(rest, "flag ")
	name, reason, _ := strings.Cut(strings.TrimLeft(rest, "-"), ": ")
	f := fs.Lookup(name)
	if f != nil {
		if _, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
			return fmt.Errorf("--%s=%s: escribe --%s solo, o --%s=true / --%s=false", name, value, name, name, name)
		}
		if _, ok := f.Value.(spanishValue); ok {
			return fmt.Errorf("--%s %s: %s", name, value, reason)
		}
	}
	return fmt.Errorf("--%s %s: valor no válido; p. ej. --%s %s", name, value, name, placeholder(fs, name))
}

// spanishValue marks the flag values whose Set errors are already written
// for the operator.
type spanishValue interface {
	flag.Value
	spanish()
}

// placeholder is the name of a flag's value in its help ("ARCHIVO").
func placeholder(fs *flag.FlagSet, name string) string {
	if f := fs.Lookup(name); f != nil {
		if p, _ := flag.UnquoteUsage(f); p != "" {
			return p
		}
	}
	return "VALOR"
}
