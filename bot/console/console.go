// Package console is the terminal adapter: a local chat where one person
// can play every role of the procedure. Lines are messages; "/as <id>"
// switches who speaks; buttons print numbered and typing the number or the
// label presses one; "/file <path>" sends a file. Messages for someone else
// print under a header naming the recipient, so one terminal shows the
// whole procedure. It reads a pipe as well as a terminal.
package console

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"ctdesk/bot"
	"ctdesk/conversations"
)

// Console prints what the bot says and remembers the buttons it offered.
type Console struct {
	mu      sync.Mutex
	out     io.Writer
	speaker string
	seq     int
	// offered is, per person, the most recent message with buttons.
	offered map[string]offer
}

type offer struct {
	ref     string
	buttons []conversations.Button
}

// New returns a console that prints to out.
func New(out io.Writer) *Console {
	return &Console{out: out, offered: map[string]offer{}}
}

var _ bot.Sender = (*Console)(nil)

// Platform names the console.
func (c *Console) Platform() string { return "console" }

// Send prints a message; one for someone other than the current speaker
// goes under a header naming its recipient.
func (c *Console) Send(_ context.Context, d *bot.Delivery) error {
	account, m, files := d.Account, d.Message, d.Files
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seq++
	ref := fmt.Sprintf("c%d", c.seq)
	var b strings.Builder
	head := "bot"
	if account != c.speaker {
		head = "→ " + account
	}
	switch {
	case m.Edit != "":
		head += " (" + conversations.Text("es", "console.edited") + ")"
		if o, ok := c.offered[account]; ok && o.ref == m.Edit {
			delete(c.offered, account)
		}
	case m.Secret:
		head += " (" + conversations.Text("es", "console.secret") + ")"
	}
	b.WriteString(head + ":\n")
	for _, line := range strings.Split(m.Text, "\n") {
		b.WriteString("  " + line + "\n")
	}
	for _, f := range files {
		fmt.Fprintf(&b, "  📎 %s (%s)\n", f.Name, size(len(f.Data)))
	}
	if len(m.Buttons) > 0 {
		var all []conversations.Button
		for _, row := range m.Buttons {
			var cells []string
			for _, btn := range row {
				all = append(all, btn)
				cells = append(cells, fmt.Sprintf("[%d] %s", len(all), btn.Label))
			}
			b.WriteString("  " + strings.Join(cells, "  ") + "\n")
		}
		c.offered[account] = offer{ref: ref, buttons: all}
	}
	_, err := io.WriteString(c.out, b.String())
	return err
}

// press finds the button a typed number or label names among the buttons
// of the most recent message addressed to the speaker.
func (c *Console) press(speaker, text string) (code, ref string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	o, found := c.offered[speaker]
	if !found {
		return "", "", false
	}
	text = strings.TrimSpace(strings.Trim(strings.TrimSpace(text), "[]"))
	if n, err := strconv.Atoi(text); err == nil {
		if n >= 1 && n <= len(o.buttons) {
			return o.buttons[n-1].Code, o.ref, true
		}
		return "", "", false
	}
	for _, btn := range o.buttons {
		if strings.EqualFold(btn.Label, text) {
			return btn.Code, o.ref, true
		}
	}
	return "", "", false
}

// setSpeaker changes who speaks.
func (c *Console) setSpeaker(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.speaker = id
}

// print writes a line of the console itself.
func (c *Console) print(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprintf(c.out, format+"\n", args...)
}

func size(n int) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.0f KB", float64(n)/1024)
}
