// Command ctdesk is the service desk of the Coordinación de Tecnologías: it
// runs the bot on Telegram and Slack (or, with no platform token, a console
// in the terminal), and its subcommands read, check and copy the records.
// `ctdesk ayuda` lists them all (commands.go holds the table).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the institution's zone loads on minimal images too
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	var quiet exitCode
	switch {
	case err == nil:
		return
	case errors.Is(err, errUsage):
		os.Exit(2)
	case errors.As(err, &quiet):
		os.Exit(int(quiet))
	}
	fmt.Fprintln(os.Stderr, "ctdesk:", err)
	os.Exit(1)
}

// exitCode ends ctdesk with that status after the command has said why.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// run is ctdesk with its inputs injected, so tests drive it whole.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	c := &call{ctx: ctx, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, now: time.Now}
	c.path = "ctdesk"
	return dispatch(c, commands(), args)
}
