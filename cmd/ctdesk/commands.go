package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"ctdesk/cmd/internal/config"
)

// command is a subcommand of ctdesk: its name, a one-line Spanish summary,
// its own flags and what it runs. A command with subcommands (config,
// program) runs one of them.
type command struct {
	name    string
	aliases []string
	// args is the synopsis of the positional arguments ("ARCHIVO").
	args    string
	summary string
	// help is the longer description shown by --help.
	help string
	// setup declares the command's flags on fs and returns what runs
	// once they are parsed.
	setup func(fs *flag.FlagSet) runFunc
	sub   []*command
}

// runFunc runs a command with its positional arguments in c.args.
type runFunc func(c *call) error

// call is one invocation: its inputs and outputs, injected so tests run
// ctdesk whole.
type call struct {
	ctx            context.Context
	path           string // "ctdesk report"
	args           []string
	getenv         func(string) string
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	// read holds the environment once a command has read it.
	read *envRead
}

type envRead struct {
	env Env
	err error
}

// env reads the environment once per invocation; help and version never
// read it, so they work whatever it holds.
func (c *call) env() (Env, error) {
	if c.read == nil {
		env, err := readEnv(c.getenv)
		c.read = &envRead{env, err}
	}
	return c.read.env, c.read.err
}

// logger builds the process' logger from CTDESK_LOG_LEVEL and CTDESK_LOG_FORMAT.
func (c *call) logger() (*slog.Logger, error) {
	env, err := c.env()
	if err != nil {
		return nil, err
	}
	return newLogger(env, c.stderr), nil
}

// errUsage marks a mistake in the command line; the message was printed.
var errUsage = errors.New("uso incorrecto")

// commands is ctdesk's command table, in the order help lists it.
func commands() []*command {
	return []*command{
		serveCommand(),
		bitacoraCommand(),
		reportCommand(),
		solicitudCommand(),
		programCommand(),
		jobCommand(),
		configCommand(),
		backupCommand(),
		restoreCommand(),
		healthcheckCommand(),
		versionCommand(),
		{name: "ayuda", aliases: []string{"help"}, summary: "muestra esta ayuda",
			setup: func(*flag.FlagSet) runFunc {
				return func(c *call) error { printUsage(c.stdout, commands()); return nil }
			}},
	}
}

// dispatch runs the command that args name. No arguments run the service.
func dispatch(c *call, table []*command, args []string) error {
	if len(args) == 0 {
		return runCommand(c, table[0], nil)
	}
	switch args[0] {
	case "-h", "-help", "--help", "-ayuda", "--ayuda":
		printUsage(c.stdout, table)
		return nil
	case "-version", "--version":
		return runCommand(c, versionCommand(), nil)
	}
	if strings.HasPrefix(args[0], "-") {
		fmt.Fprintf(c.stderr, "ctdesk: la opción %s no existe sin subcomando.\nEscribe «ctdesk ayuda» para ver los subcomandos.\n", args[0])
		return errUsage
	}
	cmd := find(table, args[0])
	if cmd == nil {
		fmt.Fprintf(c.stderr, "ctdesk: no hay un subcomando «%s».%s\nEscribe «ctdesk ayuda» para ver los subcomandos.\n",
			args[0], suggest(args[0], names(table)))
		return errUsage
	}
	return runCommand(c, cmd, args[1:])
}

// runCommand parses a command's flags and runs it, or one of its subcommands.
func runCommand(c *call, cmd *command, args []string) error {
	c.path = strings.TrimSpace(c.path + " " + cmd.name)
	if cmd.sub != nil {
		return runGroup(c, cmd, args)
	}
	fs := flag.NewFlagSet(c.path, flag.ContinueOnError)
	run := cmd.setup(fs)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		printCommandHelp(c.stdout, c.path, cmd, fs)
		return nil
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "%s: %v\nEscribe «%s --help» para ver sus opciones.\n", c.path, err, c.path)
		return errUsage
	}
	c.args = pos
	return run(c)
}

// runGroup runs the subcommand of a group (config check, program import).
func runGroup(c *call, cmd *command, args []string) error {
	if len(args) == 0 || isHelp(args[0]) {
		printGroupHelp(c.stdout, c.path, cmd)
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub := find(cmd.sub, args[0])
	if sub == nil {
		fmt.Fprintf(c.stderr, "%s: no hay un subcomando «%s».%s\n", c.path, args[0], suggest(args[0], names(cmd.sub)))
		printGroupHelp(c.stderr, c.path, cmd)
		return errUsage
	}
	return runCommand(c, sub, args[1:])
}

func isHelp(s string) bool {
	switch s {
	case "-h", "-help", "--help", "ayuda", "help":
		return true
	}
	return false
}

// find returns the command named (or aliased) name, or nil.
func find(table []*command, name string) *command {
	for _, cmd := range table {
		if cmd.name == name {
			return cmd
		}
		for _, a := range cmd.aliases {
			if a == name {
				return cmd
			}
		}
	}
	return nil
}

func names(table []*command) []string {
	var out []string
	for _, cmd := range table {
		out = append(out, cmd.name)
		out = append(out, cmd.aliases...)
	}
	return out
}

// suggest proposes the nearest of names to a mistyped one, or nothing.
func suggest(got string, names []string) string {
	near := config.Nearest(got, names, 1)
	if len(near) == 0 {
		return ""
	}
	return fmt.Sprintf(" ¿Quisiste decir «%s»?", near[0])
}
