package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// printUsage lists every subcommand with its one-line summary.
func printUsage(w io.Writer, table []*command) {
	fmt.Fprint(w, `ctdesk — la mesa de servicios de la Coordinación de Tecnologías en el chat.

Uso: ctdesk [SUBCOMANDO] [OPCIONES]

Sin subcomando, ctdesk atiende Telegram y Slack (o, sin tokens, abre la consola).

Subcomandos:
`)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, cmd := range table {
		if cmd.sub == nil {
			fmt.Fprintf(tw, "  %s\t%s\n", cmd.name, cmd.summary)
			continue
		}
		for _, sub := range cmd.sub {
			fmt.Fprintf(tw, "  %s %s\t%s\n", cmd.name, sub.name, sub.summary)
		}
	}
	tw.Flush()
	fmt.Fprint(w, `
Cada subcomando explica sus opciones con --help, por ejemplo «ctdesk report --help».
La configuración viene del entorno (CTDESK_CONFIG, CTDESK_DATA, REDIS_URL, TELEGRAM_TOKEN,
SLACK_BOT_TOKEN…); el README las describe todas.
`)
}

// printGroupHelp lists the subcommands of a group.
func printGroupHelp(w io.Writer, path string, cmd *command) {
	fmt.Fprintf(w, "Uso: %s SUBCOMANDO\n\n%s\n\nSubcomandos:\n", path, capitalize(cmd.summary))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, sub := range cmd.sub {
		fmt.Fprintf(tw, "  %s %s\t%s\n", path, sub.name, sub.summary)
	}
	tw.Flush()
}

// printCommandHelp shows a command's synopsis, description and flags, in Spanish.
func printCommandHelp(w io.Writer, path string, cmd *command, fs *flag.FlagSet) {
	synopsis := path
	fs.VisitAll(func(f *flag.Flag) {
		name, _ := flag.UnquoteUsage(f)
		if name == "" {
			synopsis += " [--" + f.Name + "]"
		} else {
			synopsis += " [--" + f.Name + " " + name + "]"
		}
	})
	if cmd.args != "" {
		synopsis += " " + cmd.args
	}
	fmt.Fprintf(w, "Uso: %s\n\n%s\n", synopsis, capitalize(cmd.summary))
	if cmd.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(cmd.help))
	}
	first := true
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nOpciones:\n")
			first = false
		}
		name, usage := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if name != "" {
			arg += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += " (por omisión: " + f.DefValue + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\n", arg, usage)
	})
	tw.Flush()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:]) + "."
}
