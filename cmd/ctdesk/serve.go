package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"sync"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/console"
	"ctdesk/conversations"
)

// serve runs the service until ctx is done (or, in the console, until the
// input ends).
func serve(ctx context.Context, env Env, stdin io.Reader, stdout io.Writer, log *slog.Logger) error {
	cfg, err := loadConfig(env.Config)
	if err != nil {
		return err
	}
	st, where, err := openStore(ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := seed(ctx, cfg, st); err != nil {
		return err
	}
	engine, err := conversations.New(conversations.Config{
		Institution: cfg.Institution, Location: cfg.location, Language: cfg.Language,
		DialogIdle: cfg.DialogIdle, Approvals: cfg.Approvals, MailDomain: cfg.MailDomain,
		Calendar: cfg.calendar(),
	}, st, conversations.DefaultServices()...)
	if err != nil {
		return err
	}
	s := &service{env: env, cfg: cfg, log: log, store: st, engine: engine, mux: http.NewServeMux(), metrics: newMetrics(), parking: bot.NewParking(st)}
	platforms, err := s.adapters()
	if err != nil {
		return err
	}
	log.Info("ctdesk starting", "store", where, "config", cfg.source, "platforms", len(platforms))
	if len(platforms) == 0 {
		return runConsole(ctx, s, stdin, stdout)
	}
	return runService(ctx, s, platforms)
}

// runConsole plays the procedure in the terminal on the embedded store.
func runConsole(ctx context.Context, s *service, stdin io.Reader, stdout io.Writer) error {
	c := console.New(stdout)
	disp := s.dispatcher(c)
	// Messages left from an earlier session (or queued by jobs) show first.
	if _, err := disp.Drain(ctx); err != nil {
		return err
	}
	sess := &console.Session{C: c, In: stdin, Handler: s.intake(nil), Out: disp, People: s.store, Prompt: isTerminal(stdin)}
	err := sess.Run(ctx)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// isTerminal reports whether r is an interactive terminal.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// runService runs the platforms, the outbox, the scheduler and the HTTP
// listener; on shutdown intake stops first, the outbox drains for a
// bounded time, and the store is closed last (by serve).
func runService(ctx context.Context, s *service, platforms []bot.Adapter) error {
	s.platforms = bot.NewPlatforms(s.log.With("component", "platforms"))
	senders := make([]bot.Sender, len(platforms))
	for i, p := range platforms {
		senders[i] = p
	}
	disp := s.dispatcher(senders...)
	in := s.intake(disp.Wake)
	for _, p := range platforms {
		for pattern, h := range p.Webhooks(in) {
			s.mux.Handle(pattern, h)
		}
	}
	registerMetrics(s)
	registerHealth(s)

	intakeCtx, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	outCtx, stopOut := context.WithCancel(context.WithoutCancel(ctx))
	defer stopOut()

	var wg sync.WaitGroup
	errs := make(chan error, len(platforms)+3)
	start := func(name string, ctx context.Context, f func(context.Context) error) {
		wg.Go(func() {
			if err := f(ctx); err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
		})
	}
	for _, p := range platforms {
		start(p.Platform(), intakeCtx, func(ctx context.Context) error { return s.platforms.Run(ctx, p, in) })
	}
	start("scheduler", intakeCtx, func(ctx context.Context) error { return runScheduler(ctx, s, disp.Wake) })
	start("http", intakeCtx, func(ctx context.Context) error { return serveHTTP(ctx, s) })
	outDone := make(chan struct{})
	go func() {
		defer close(outDone)
		if err := disp.Run(outCtx); err != nil {
			errs <- fmt.Errorf("outbox: %w", err)
		}
	}()

	var first error
	select {
	case <-ctx.Done():
	case first = <-errs:
		s.log.Error("stopping", "err", first)
	}
	stopIntake()
	wg.Wait()
	// Deliver what the last updates produced, for five seconds at most;
	// whatever is left stays in the outbox for the next start.
	settleOutbox(s, disp, 5*time.Second)
	stopOut()
	<-outDone
	s.log.Info("ctdesk stopped")
	return first
}

// settleOutbox waits until the outbox is empty or the time is up.
func settleOutbox(s *service, disp *bot.Dispatcher, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		disp.Wake()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		n, err := s.store.PendingOutbox(ctx)
		cancel()
		if err != nil || n == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.log.Warn("stopping with messages still in the outbox; they go out at the next start")
}
