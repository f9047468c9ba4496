package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"ctdesk/bot"
	"ctdesk/bot/console"
	"ctdesk/conversations"
	"ctdesk/storage"
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
	ctx, getenv := c.ctx, c.getenv
	ops, err := readOpsEnv(getenv)
	if err != nil {
		return err
	}
	log := newLogger(ops, c.stderr)
	redis.SetLogger(redisLogger{log.With("component", "redis")})
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	if err := checkExample(getenv, cfg, ops, log); err != nil {
		return err
	}
	st, where, err := openStore(ctx, getenv, false)
	if err != nil {
		return err
	}
	defer st.Close()
	notes := storeNotes(ctx, st, log)
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
	rt := &runtime{cfg: cfg, getenv: getenv, log: log, store: st, engine: engine, mux: http.NewServeMux(), notes: notes}
	rt.intake = instrument(bot.NewIntake(bot.NewLastPlatform(engine, engine, log.With("component", "intake"))))
	var platforms []platform
	for _, f := range platformFactories {
		p, err := f(ctx, rt)
		if err != nil {
			return err
		}
		if p != nil {
			platforms = append(platforms, p)
		}
	}
	log.Info("ctdesk starting", "store", where, "config", cfg.source, "platforms", len(platforms))
	if len(platforms) == 0 {
		return runConsole(ctx, rt, c.stdin, c.stdout)
	}
	return runService(ctx, rt, platforms)
}

// runConsole plays the procedure in the terminal on the embedded store.
func runConsole(ctx context.Context, rt *runtime, stdin io.Reader, stdout io.Writer) error {
	c := console.New(stdout)
	router := bot.NewRouter(rt.engine, c)
	disp := bot.NewDispatcher(rt.store, rt.engine, router, bot.DispatcherConfig{Log: rt.log.With("component", "outbox")})
	// Messages left from an earlier session (or queued by jobs) show first.
	if _, err := disp.Drain(ctx); err != nil {
		return err
	}
	s := &console.Session{C: c, In: stdin, Handler: rt.intake, Out: disp, People: rt.store, Prompt: isTerminal(stdin)}
	err := s.Run(ctx)
	if errors.Is(err, io.EOF) {
		return nil
	}
	return err
}

// runService runs the platforms, the outbox, the scheduler and the HTTP
// listener; on shutdown intake stops first, the outbox drains for a
// bounded time, and the store is closed last (by serve).
func runService(ctx context.Context, rt *runtime, platforms []platform) error {
	senders := make([]bot.Sender, len(platforms))
	for i, p := range platforms {
		senders[i] = p
	}
	router := bot.NewRouter(rt.engine, senders...)
	disp := bot.NewDispatcher(rt.store, rt.engine, router, bot.DispatcherConfig{
		Log: rt.log.With("component", "outbox"),
		OnBlocked: func(ctx context.Context, recipient string) {
			name := recipient
			if p, err := rt.store.Person(ctx, recipient); err == nil {
				name = p.Name
			}
			if err := rt.engine.TellRole(ctx, "blocked:"+recipient, storage.RoleCoordinador, "blocked.coord", name); err != nil {
				rt.log.Error("tell coordinator of blocked recipient", "recipient", recipient, "err", err)
			}
		},
	})
	rt.wake = disp.Wake
	ln, err := listenHTTP(rt)
	if err != nil {
		return err
	}

	intakeCtx, stopIntake := context.WithCancel(ctx)
	defer stopIntake()
	outCtx, stopOut := context.WithCancel(context.WithoutCancel(ctx))
	defer stopOut()

	var wg sync.WaitGroup
	errs := make(chan error, len(platforms)+3)
	start := func(name string, ctx context.Context, f func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(ctx); err != nil && ctx.Err() == nil {
				errs <- fmt.Errorf("%s: %w", name, err)
			}
		}()
	}
	for _, p := range platforms {
		start(p.Platform(), intakeCtx, p.Run)
	}
	start("scheduler", intakeCtx, func(ctx context.Context) error { return runScheduler(ctx, rt) })
	start("http", intakeCtx, func(ctx context.Context) error { return serveHTTP(ctx, rt, ln) })
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
		rt.log.Error("stopping", "err", first)
	}
	stopIntake()
	wg.Wait()
	// Deliver what the last updates produced, for five seconds at most;
	// whatever is left stays in the outbox for the next start.
	settleOutbox(rt, disp, 5*time.Second)
	stopOut()
	<-outDone
	rt.log.Info("ctdesk stopped")
	return first
}

// settleOutbox waits until the outbox is empty or the time is up.
func settleOutbox(rt *runtime, disp *bot.Dispatcher, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		disp.Wake()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		n, err := rt.store.PendingOutbox(ctx)
		cancel()
		if err != nil || n == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	rt.log.Warn("stopping with messages still in the outbox; they go out at the next start")
}
