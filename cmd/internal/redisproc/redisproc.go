// Package redisproc runs a private redis-server for ctdesk's command-line
// tools (the benchmark, the kill loop): on a free loopback port, with an
// append-only file, until it is closed. Tests use storage/redisstore/
// redistest instead.
package redisproc

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Options say where the server keeps its files and how it syncs them.
type Options struct {
	// Dir holds the append-only file and the log; a temporary folder,
	// removed at Close, when empty.
	Dir string
	// Fsync is redis' appendfsync: "everysec" (default) or "always".
	Fsync string
}

// Server is a running redis-server.
type Server struct {
	addr   string
	dir    string
	temp   bool
	cmd    *exec.Cmd
	exited chan struct{}
}

// Start launches redis-server and waits until it answers PING.
func Start(o Options) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, errors.New("redis-server not found: install it with `apt-get install redis-server`")
	}
	if o.Fsync == "" {
		o.Fsync = "everysec"
	}
	s := &Server{dir: o.Dir}
	if s.dir == "" {
		dir, err := os.MkdirTemp("", "ctdesk-redis-")
		if err != nil {
			return nil, err
		}
		s.dir, s.temp = dir, true
	}
	var lastErr error
	for range 5 { // a port found free may be taken before the server binds it
		port, err := FreePort()
		if err != nil {
			lastErr = err
			continue
		}
		s.addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		if lastErr = s.start(port, o.Fsync); lastErr == nil {
			return s, nil
		}
	}
	if s.temp {
		os.RemoveAll(s.dir)
	}
	return nil, lastErr
}

func (s *Server) start(port int, fsync string) error {
	cmd := exec.Command("redis-server",
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--appendonly", "yes", "--appendfsync", fsync, "--save", "",
		"--daemonize", "no", "--loglevel", "warning", "--logfile", filepath.Join(s.dir, "redis.log"))
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	c := redis.NewClient(&redis.Options{Addr: s.addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			s.cmd, s.exited = cmd, exited
			return nil
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(s.dir, "redis.log"))
			return fmt.Errorf("redis-server on %s exited before answering PING:\n%s", s.addr, log)
		default:
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("redis-server on %s: no PING answer: %w", s.addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// URL is the server's redis:// URL.
func (s *Server) URL() string { return "redis://" + s.addr + "/0" }

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.addr }

// PID is the server's process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Close stops the server without saving and removes a temporary folder.
func (s *Server) Close() error {
	if s == nil || s.cmd == nil {
		return nil
	}
	c := redis.NewClient(&redis.Options{Addr: s.addr, MaxRetries: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = c.ShutdownNoSave(ctx).Err() // the connection closes before any reply
	cancel()
	c.Close()
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd = nil
	if s.temp {
		return os.RemoveAll(s.dir)
	}
	return nil
}

// FreePort asks the kernel for a free loopback port.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
