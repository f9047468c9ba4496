package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/bot"
	"ctdesk/bot/console"
	"ctdesk/cmd/internal/config"
	"ctdesk/conversations"
)

func serveCommand() *command {
	return &command{name: "serve", aliases: []string{"servir"},
		summary: "atiende Telegram y Slack; sin tokens, abre la consola (es lo que hace ctdesk sin subcomando)",
		help: `Lee la configuración de CTDESK_CONFIG y abre el almacén (Redis con REDIS_URL, si no el
archivo CTDESK_DATA). Con TELEGRAM_TOKEN o SLACK_BOT_TOKEN atiende esas plataformas y sirve
/healthz, /readyz y /metrics en CTDESK_HTTP_ADDR; sin tokens abre la consola en la terminal.
Con un token y sin CTDESK_CONFIG no arranca (el ejemplo incluido es para probar), salvo con
CTDESK_DEMO=1.`,
		setup: func(*flag.FlagSet) runFunc { return serve }}
}

// serve runs the service until ctx is done (or, in the console, until the
// input ends).
func serve(c *call) error {
	ctx := c.ctx
	env, err := c.env()
	if err != nil {
		return err
	}
	log := newLogger(env, c.stderr)
	redis.SetLogger(redisLogger{log.With("component", "redis")})
	cfg, err := config.Load(env.Config)
	if err != nil {
		return err
	}
	if err := checkExample(env, cfg, log); err != nil {
		return err
	}
	st, where, err := openStore(ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	notes := storeNotes(ctx, st, log)
	if err := seed(ctx, cfg, st); err != nil {
		return err
	}
	// Without a platform the console runs, on a clock that /reloj moves.
	var clock *console.Clock
	now := time.Now
	if len(env.platformTokens()) == 0 {
		clock = console.NewClock()
		now = clock.Now
	}
	s := &service{env: env, cfg: cfg, log: log, store: st, mux: http.NewServeMux(), notes: notes, clock: clock,
		metrics: newMetrics(), parking: bot.NewParking(st)}
	// The listener opens first, so the panel's links name the address it
	// got. The console serves the web panel on it when someone types at it
	// (or CTDESK_HTTP_ADDR asks for it), if it can; without it, /panel says
	// there is no panel. A script piped in ends before anyone could open it.
	inConsole := clock != nil
	var ln net.Listener
	if inConsole {
		if isTerminal(c.stdin) || env.HTTPAddrSet {
			ln = consoleListener(s)
		}
	} else if ln, err = listen(env.HTTPAddr); err != nil {
		return err
	}
	ec := engineConfig(cfg, now)
	ec.SecretKeep = env.Delivery.PasswordKeep
	if ln != nil {
		defer ln.Close()
		ec.PanelURL = env.panelURL(ln.Addr())
	}
	if s.engine, err = conversations.New(ec, st, conversations.DefaultServices()...); err != nil {
		return err
	}
	if err := s.mountPanel(); err != nil {
		return err
	}
	platforms, err := s.adapters()
	if err != nil {
		return err
	}
	log.Info("ctdesk starting", "store", where, "config", cfg.Source(), "platforms", len(platforms), "panel", ec.PanelURL)
	if inConsole {
		return runConsole(ctx, s, c.stdin, c.stdout, ln)
	}
	return runService(ctx, s, platforms, ln)
}

// runConsole plays the procedure in the terminal on the embedded store,
// with the scheduled jobs on the console's clock, and serves the web panel
// on ln (nil: no panel) while it runs.
func runConsole(ctx context.Context, s *service, stdin io.Reader, stdout io.Writer, ln net.Listener) error {
	c := console.New(stdout)
	disp := s.dispatcher(c)
	if ln != nil {
		defer serveConsolePanel(ctx, s, ln)()
	}
	// Messages left from an earlier session (or queued by jobs) show first.
	if _, err := disp.Drain(ctx); err != nil {
		return err
	}
	if s.clock == nil {
		s.clock = console.NewClock()
	}
	jobs, err := newScheduler(s, s.engine, s.clock.Now)
	if err != nil {
		return err
	}
	sess := &console.Session{C: c, In: stdin, Handler: s.intake(nil), Out: disp, People: s.store, Prompt: isTerminal(stdin),
		Now: s.clock.Now, Clock: s.clock, Jobs: jobs, Location: s.cfg.Location()}
	err = sess.Run(ctx)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// runService runs the platforms, the outbox, the scheduler and the HTTP
// listener; on shutdown intake stops first, the outbox drains for a
// bounded time, and the store is closed last (by serve).
func runService(ctx context.Context, s *service, platforms []bot.Adapter, ln net.Listener) error {
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
	s.log.Info("http listening", "addr", ln.Addr().String())

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
	start("http", intakeCtx, func(ctx context.Context) error { return serveHTTP(ctx, s, ln) })
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
