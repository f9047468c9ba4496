package main

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

// redisServer is a private redis-server for one run of the benchmark, on a
// free loopback port, with the persistence a production setup would have:
// an append-only file fsync'd every second, no RDB snapshots. Its process
// id lets the run read the server's CPU from /proc.
type redisServer struct {
	addr   string
	dir    string
	cmd    *exec.Cmd
	exited chan struct{}
}

// startRedis launches redis-server and waits until it answers PING.
func startRedis() (*redisServer, error) {
	if _, err := exec.LookPath("redis-server"); err != nil {
		return nil, errors.New("redis-server not found: install it with `apt-get install redis-server`")
	}
	dir, err := os.MkdirTemp("", "tgbench-redis-")
	if err != nil {
		return nil, err
	}
	var lastErr error
	for range 5 {
		port, err := freePort()
		if err != nil {
			lastErr = err
			continue
		}
		r := &redisServer{addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir: dir}
		if lastErr = r.start(port); lastErr == nil {
			return r, nil
		}
	}
	os.RemoveAll(dir)
	return nil, lastErr
}

func (r *redisServer) start(port int) error {
	cmd := exec.Command("redis-server",
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", r.dir,
		"--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
		"--daemonize", "no", "--loglevel", "warning", "--logfile", filepath.Join(r.dir, "redis.log"))
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start redis-server: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	c := redis.NewClient(&redis.Options{Addr: r.addr, MaxRetries: -1, DialTimeout: time.Second})
	defer c.Close()
	for deadline := time.Now().Add(10 * time.Second); ; {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			r.cmd, r.exited = cmd, exited
			return nil
		}
		select {
		case <-exited:
			log, _ := os.ReadFile(filepath.Join(r.dir, "redis.log"))
			return fmt.Errorf("redis-server on %s exited before answering PING:\n%s", r.addr, log)
		default:
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("redis-server on %s: no PING answer: %w", r.addr, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// url is the server's redis:// URL.
func (r *redisServer) url() string { return "redis://" + r.addr + "/0" }

// pid is the server's process id.
func (r *redisServer) pid() int { return r.cmd.Process.Pid }

// Close stops the server without saving and removes its directory.
func (r *redisServer) Close() error {
	if r == nil || r.cmd == nil {
		return nil
	}
	c := redis.NewClient(&redis.Options{Addr: r.addr, MaxRetries: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = c.ShutdownNoSave(ctx).Err() // the connection closes before any reply
	cancel()
	c.Close()
	select {
	case <-r.exited:
	case <-time.After(10 * time.Second):
		_ = r.cmd.Process.Kill()
		<-r.exited
	}
	r.cmd = nil
	return os.RemoveAll(r.dir)
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
