package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"time"
)

// registerHealth serves /healthz (the process answers) and /readyz (the
// store answers; each chat platform's state follows).
func registerHealth(s *service) {
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := s.store.Ping(ctx); err != nil {
			http.Error(w, "store unreachable", http.StatusServiceUnavailable)
			return
		}
		var b strings.Builder
		b.WriteString("ready\n")
		for _, n := range s.notes {
			b.WriteString("aviso: " + n + "\n")
		}
		_, _ = w.Write([]byte(b.String()))
		s.platformReport(w)
	})
}

// listen opens the health, metrics and webhooks listener on addr
// (CTDESK_HTTP_ADDR, default 127.0.0.1:8080) before anything starts, so a
// taken port stops ctdesk at once with a message that says what to do.
func listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = "127.0.0.1:8080"
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, listenError(addr, err)
	}
	return ln, nil
}

// serveHTTP serves on ln until ctx is done, then shuts down within five seconds.
func serveHTTP(ctx context.Context, s *service, ln net.Listener) error {
	srv := &http.Server{Handler: s.mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) {
		err = errors.Join(err, e)
	}
	return err
}
