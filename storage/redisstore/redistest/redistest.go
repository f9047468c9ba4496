// Package redistest starts a private redis-server for tests.
//
// Start launches redis-server on a free loopback port with its own directory
// and an fsync'd append-only file, and stops it when the test ends. When
// REDIS_URL is set, Start uses that server instead and starts nothing: tests
// then isolate themselves with a distinct key prefix (Prefix) rather than by
// flushing the database, and Restart, which needs a server of its own, skips
// the test.
//
// StartSentinel and StartCluster start whole deployments of local processes
// (a Sentinel with a master, a replica and three sentinels; a Cluster of
// three masters) whatever REDIS_URL says; Kill and Restart crash and revive
// one of their servers.
package redistest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// NotFoundMessage is what Start reports when redis-server is missing.
const NotFoundMessage = "no encuentro redis-server: instálalo con «apt-get install redis-server» (Debian/Ubuntu) o corre ./scripts/test, que lo instala"

const startTimeout = 10 * time.Second

// Server is a redis-server started for a test on a free loopback port, with
// its own dir, appendonly yes. External servers (REDIS_URL) are used as they are.
type Server struct {
	Addr string

	url    string // REDIS_URL when external
	port   int
	dir    string
	ownDir bool
	conf   string   // a sentinel's config file; "" for a data server
	extra  []string // more arguments: cluster mode, replicaof
	mu     sync.Mutex
	cmd    *exec.Cmd
	exited chan struct{}
}

// Start returns a server for the test, stopped at tb.Cleanup. It fails the
// test (never skips it) when redis-server is not installed.
func Start(tb testing.TB) *Server {
	tb.Helper()
	s, err := Launch()
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("redistest: %v", err)
		}
	})
	return s
}

// Launch is Start without a test: the caller must Close the server (use it
// from TestMain to share one server among the tests of a package).
func Launch() (*Server, error) {
	if u := os.Getenv("REDIS_URL"); u != "" {
		o, err := redis.ParseURL(u)
		if err != nil {
			return nil, fmt.Errorf("REDIS_URL: %w", err)
		}
		return &Server{Addr: o.Addr, url: u}, nil
	}
	return launchLocal("", "")
}

// launchLocal starts a local redis-server on a free port in dir (a new
// directory when ""), which it removes at Close. With conf, the path of a
// sentinel's config file, the server runs as a sentinel; extra arguments
// follow the usual ones.
func launchLocal(conf, dir string, extra ...string) (*Server, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, errors.New(NotFoundMessage)
	}
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "redistest-"); err != nil {
			return nil, fmt.Errorf("temp dir: %w", err)
		}
	}
	s := &Server{dir: dir, ownDir: true, conf: conf, extra: extra}
	var lastErr error
	for range 5 {
		port, err := freePort()
		if err != nil {
			lastErr = err
			continue
		}
		s.port = port
		s.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		if lastErr = s.start(); lastErr == nil {
			return s, nil
		}
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

// External reports whether the server came from REDIS_URL.
func (s *Server) External() bool { return s.url != "" }

// URL returns the server's redis:// URL (database 0).
func (s *Server) URL() string {
	if s.url != "" {
		return s.url
	}
	return "redis://" + s.Addr + "/0"
}

// Client returns a client of the server, closed at tb.Cleanup.
func (s *Server) Client(tb testing.TB) *redis.Client {
	tb.Helper()
	o, err := redis.ParseURL(s.URL())
	if err != nil {
		tb.Fatalf("redistest: %v", err)
	}
	c := redis.NewClient(o)
	tb.Cleanup(func() { c.Close() })
	return c
}

// Restart stops the server (SHUTDOWN, waiting for it to exit) and starts it
// again on the same port and directory; the data is kept. It skips the test
// on an external server, which it cannot restart.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	if s.External() {
		tb.Skipf("redistest: Restart needs a local redis-server; unset REDIS_URL (%s is external)", s.Addr)
	}
	if err := s.stop(); err != nil {
		tb.Fatalf("redistest: restart: %v", err)
	}
	var err error
	for range 20 {
		if err = s.start(); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	tb.Fatalf("redistest: restart: %v", err)
}

// Stop stops the server now instead of at cleanup.
func (s *Server) Stop(tb testing.TB) {
	tb.Helper()
	if err := s.Close(); err != nil {
		tb.Fatalf("redistest: %v", err)
	}
}

// Close stops the server and removes its directory. It is a no-op for an
// external server and after the first call.
func (s *Server) Close() error {
	if s.External() {
		return nil
	}
	err := s.stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ownDir {
		s.ownDir = false
		if rerr := os.RemoveAll(s.dir); err == nil && rerr != nil {
			err = rerr
		}
	}
	return err
}

func (s *Server) start() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var args []string
	if s.conf != "" {
		args = append(args, s.conf, "--sentinel")
	}
	args = append(args, "--port", strconv.Itoa(s.port), "--bind", "127.0.0.1", "--dir", s.dir,
		"--daemonize", "no", "--loglevel", "warning", "--logfile", s.dir+"/redis.log")
	if s.conf == "" {
		args = append(args, "--appendonly", "yes", "--appendfsync", "always", "--save", "")
	}
	cmd := exec.Command("redis-server", append(args, s.extra...)...)
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		cmd.Wait()
		close(exited)
	}()
	if err := waitPing(s.Addr, exited); err != nil {
		cmd.Process.Kill()
		<-exited
		log, _ := os.ReadFile(s.dir + "/redis.log")
		return fmt.Errorf("redis-server on %s: %w\n%s", s.Addr, err, log)
	}
	s.cmd, s.exited = cmd, exited
	return nil
}

// Kill ends the server with SIGKILL, as a crash would, and waits for it to
// exit; Restart starts it again on the same port and directory.
func (s *Server) Kill(tb testing.TB) {
	tb.Helper()
	if s.External() {
		tb.Fatalf("redistest: Kill needs a local redis-server (%s is external)", s.Addr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	<-s.exited
	s.cmd, s.exited = nil, nil
}

func (s *Server) stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return nil
	}
	c := redis.NewClient(&redis.Options{Addr: s.Addr, MaxRetries: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	c.Shutdown(ctx) // the connection closes before the reply: the error says nothing
	cancel()
	c.Close()
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	s.cmd, s.exited = nil, nil
	return nil
}

func waitPing(addr string, exited <-chan struct{}) error {
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	deadline := time.Now().Add(startTimeout)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-exited:
			return errors.New("exited before answering PING")
		default:
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no PING answer within %v: %w", startTimeout, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
