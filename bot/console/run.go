package console

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
	"ctdesk/storage"
)

// Drainer delivers every message that is due (the bot's dispatcher).
type Drainer interface {
	Drain(ctx context.Context) (int, error)
}

// Session is a console conversation over an input stream.
type Session struct {
	C       *Console
	In      io.Reader
	Handler bot.Handler // the intake
	Out     Drainer
	People  storage.Directory
	// Speaker is who speaks first; "" picks the first requester.
	Speaker string
	// Prompt prints "<speaker>> " before each line (for terminals).
	Prompt bool
	Now    func() time.Time
	// Clock, when set, is the time /reloj moves (Now should read it).
	Clock *Clock
	// Jobs, when set, are the scheduled jobs: run at start and every
	// JobsEvery while the console is open, and when /reloj moves the clock.
	Jobs      Jobs
	JobsEvery time.Duration
	// Location is the institution's time zone, for /reloj (UTC when nil).
	Location *time.Location
}

// Run reads lines until the input ends or ctx is done.
func (s *Session) Run(ctx context.Context) error {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.Location == nil {
		s.Location = time.UTC
	}
	if s.JobsEvery <= 0 {
		s.JobsEvery = time.Minute
	}
	if err := s.banner(ctx); err != nil {
		return err
	}
	if err := s.runJobs(ctx, false); err != nil {
		return err
	}
	tick := time.NewTicker(s.JobsEvery)
	defer tick.Stop()
	session := sessionID()
	lines := make(chan string)
	errs := make(chan error, 1)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(s.In)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errs <- sc.Err()
	}()
	for n := 1; ; n++ {
		if s.Prompt {
			s.C.mu.Lock()
			fmt.Fprintf(s.C.out, "%s> ", s.C.speaker)
			s.C.mu.Unlock()
		}
		line, ok, err := s.next(ctx, lines, tick.C)
		if err != nil || ctx.Err() != nil {
			return err
		}
		if !ok {
			select {
			case err := <-errs:
				return err
			default:
				return nil
			}
		}
		if err := s.line(ctx, fmt.Sprintf("console:%s:%d", session, n), line); err != nil {
			return err
		}
	}
}

// next waits for the next typed line, running the scheduled jobs each
// tick meanwhile; ok is false when the input ended.
func (s *Session) next(ctx context.Context, lines <-chan string, tick <-chan time.Time) (line string, ok bool, err error) {
	for {
		select {
		case <-ctx.Done():
			return "", false, nil
		case <-tick:
			if err := s.runJobs(ctx, false); err != nil {
				return "", false, err
			}
		case line, ok = <-lines:
			return line, ok, nil
		}
	}
}

// line handles one typed line.
func (s *Session) line(ctx context.Context, id, line string) error {
	text := strings.TrimSpace(line)
	if text == "" || strings.HasPrefix(text, "#") {
		return nil
	}
	cmd, arg, _ := strings.Cut(text, " ")
	switch cmd {
	case "/as":
		return s.switchTo(ctx, strings.TrimSpace(arg))
	case "/salir", "/exit", "/quit":
		return io.EOF
	case "/reloj", "/clock":
		return s.clock(ctx, strings.TrimSpace(arg))
	}
	s.C.mu.Lock()
	speaker := s.C.speaker
	s.C.mu.Unlock()
	if speaker == "" {
		s.C.print("%s", conversations.Text("es", "console.nobody"))
		return nil
	}
	ev := conversations.Event{ID: id, Platform: "console", Account: speaker, Text: text, At: s.Now()}
	if cmd == "/file" {
		f, err := readFile(strings.TrimSpace(arg))
		if err != nil {
			s.C.print("%s", conversations.Text("es", "console.file", arg, err))
			return nil
		}
		ev.Text, ev.Files = "", []conversations.IncomingFile{f}
	} else if code, ref, ok := s.C.press(speaker, text); ok {
		ev.Text, ev.Button, ev.Pressed = "", code, ref
	}
	res, err := s.Handler.Handle(ctx, ev)
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	if res.Notice != "" {
		s.C.print("  (%s)", res.Notice)
	}
	_, err = s.Out.Drain(ctx)
	return err
}

// switchTo makes another person speak.
func (s *Session) switchTo(ctx context.Context, id string) error {
	p, err := s.People.Person(ctx, id)
	if err != nil {
		s.C.print("%s", conversations.Text("es", "console.unknown", id, s.names(ctx)))
		return nil
	}
	s.C.setSpeaker(p.ID)
	s.C.print("%s", conversations.Text("es", "console.now", p.Name, p.ID, conversations.Text("es", "role."+string(p.Role))))
	return nil
}

// banner explains the console and who can speak.
func (s *Session) banner(ctx context.Context) error {
	people, err := s.People.People(ctx)
	if err != nil {
		return fmt.Errorf("console: %w", err)
	}
	s.C.print("%s", conversations.Text("es", "console.banner", s.names(ctx)))
	speaker := s.Speaker
	if speaker == "" {
		for _, p := range people {
			if p.Role == storage.RoleUsuario && !p.Pending && !p.Disabled {
				speaker = p.ID
				break
			}
		}
	}
	if speaker != "" {
		return s.switchTo(ctx, speaker)
	}
	return nil
}

// names lists who can speak, as "ana (coordinador), beto (técnico)…".
func (s *Session) names(ctx context.Context) string {
	people, err := s.People.People(ctx)
	if err != nil {
		return ""
	}
	var parts []string
	for _, p := range people {
		if !p.Pending && !p.Disabled {
			parts = append(parts, p.ID+" ("+conversations.Text("es", "role."+string(p.Role))+")")
		}
	}
	return strings.Join(parts, ", ")
}

// readFile loads a file to send.
func readFile(path string) (conversations.IncomingFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return conversations.IncomingFile{}, err
	}
	mt := mime.TypeByExtension(strings.ToLower(filepath.Ext(path)))
	return conversations.IncomingFile{
		Name: filepath.Base(path), MIME: mt, Data: data,
		Photo: mt == "image/jpeg" || mt == "image/png",
	}, nil
}

func sessionID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return time.Now().UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b[:])
}
