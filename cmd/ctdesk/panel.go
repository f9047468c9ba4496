package main

import (
	"context"
	"net"

	"ctdesk/panel"
)

// panelURL is where the links /panel hands out lead: CTDESK_PUBLIC_URL,
// or the address the listener got.
func (e Env) panelURL(addr net.Addr) string {
	if e.PublicURL != "" {
		return e.PublicURL + panel.Prefix
	}
	return "http://" + addr.String() + panel.Prefix
}

// mountPanel serves the web panel under /panel on the service's listener.
func (s *service) mountPanel() error {
	p, err := panel.New(panel.Config{
		Engine: s.engine, Store: s.store, PublicURL: s.env.PublicURL, Institution: s.cfg.Institution,
		Calendar: s.cfg.Calendar(), Log: s.log.With("component", "panel"),
	})
	if err != nil {
		return err
	}
	s.mux.Handle(panel.Prefix, p)
	s.mux.Handle(panel.Prefix+"/", p)
	return nil
}

// consoleListener opens, for the console, the listener the web panel is
// served on (CTDESK_HTTP_ADDR), so /panel works there too. When the
// address is taken the console goes on without the panel, and says so.
func consoleListener(s *service) net.Listener {
	ln, err := listen(s.env.HTTPAddr)
	if err != nil {
		s.log.Warn("la consola sigue sin el panel web", "err", err)
		return nil
	}
	return ln
}

// serveConsolePanel serves the panel (and /healthz, /readyz, /metrics) for
// the console. What the panel's actions send to chat shows in the console
// with the next line typed, as every message there does. The returned stop
// ends it and waits for it.
func serveConsolePanel(ctx context.Context, s *service, ln net.Listener) (stop func()) {
	registerMetrics(s)
	registerHealth(s)
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := serveHTTP(ctx, s, ln); err != nil {
			s.log.Error("panel", "err", err)
		}
	}()
	return func() {
		cancel()
		<-done
	}
}
