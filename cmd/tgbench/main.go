// Command tgbench measures ctdesk's speed against the fake Telegram Bot API
// of bot/telegram/telegramtest on loopback.
//
// -mode process (the default) runs the real ctdesk process, built from
// cmd/ctdesk, with its Telegram adapter, HTTP client, outbox and acks, on
// its own redis-server (append-only file, fsync every second) or a SQLite
// file, with TELEGRAM_FLOOD_LIMITS=off and the fake's limits off. N users
// fill the correo form (the menu, the service, six answers by text and
// buttons, send) at once, each waiting for the bot's answer before the
// next step. It prints updates per second, reply latency (the user's
// update to the bot's answer as the fake receives it), the CPU of ctdesk
// and of redis-server per update (each from /proc), Redis commands per
// update including those inside scripts (INFO commandstats), client round
// trips per update, and the Redis bytes each open dialog costs, with
// ok/MISSED against the targets.
//
// -mode intake plays the same users straight into the intake inside this
// process: no HTTP, no outbox (dialog and store alone).
//
// -mode broadcast posts a reminder to each of N private chats and delivers
// them with Telegram's limits on: seconds, messages per second and 429s.
//
// -mode soak runs the process mode for a long time (30 minutes by default)
// at 100 users with a pause between steps, sampling ctdesk's heap and
// goroutines and Redis' memory, to show they stay flat.
//
// -mode all runs process, intake and broadcast.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "tgbench:", err)
		os.Exit(1)
	}
}

// options are the command's flags.
type options struct {
	mode         string
	store        string
	users        int
	rounds       int
	intakeRounds int
	chats        int
	queued       int
	spread       time.Duration
	think        time.Duration
	duration     time.Duration
	sample       time.Duration
	ctdesk       string
	profile      string
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("tgbench", flag.ContinueOnError)
	fs.StringVar(&o.mode, "mode", "process", "process, intake, broadcast, soak or all")
	fs.StringVar(&o.store, "store", "redis", "redis (a private redis-server) or sqlite (a temporary file)")
	fs.IntVar(&o.users, "users", 200, "process, intake, soak: users filling the form at once (soak: 100 unless set)")
	fs.IntVar(&o.rounds, "rounds", 2, "process: forms each user fills (9 updates each)")
	fs.IntVar(&o.intakeRounds, "intake-rounds", 5, "intake: forms each user fills")
	fs.IntVar(&o.chats, "chats", 1000, "broadcast: private chats, one reminder each")
	fs.IntVar(&o.queued, "queued", 0, "process: messages due tomorrow queued in the outbox before the run")
	fs.DurationVar(&o.spread, "spread", time.Second, "users start (and resume after the memory pause) spread over this time")
	fs.DurationVar(&o.think, "think", 0, "pause of each user before each step (soak: 1s unless set)")
	fs.DurationVar(&o.duration, "duration", 30*time.Minute, "soak: how long")
	fs.DurationVar(&o.sample, "sample", 30*time.Second, "soak: time between samples")
	fs.StringVar(&o.ctdesk, "ctdesk", "", "process, soak: a ctdesk binary built with -tags pprof (default: build cmd/ctdesk)")
	fs.StringVar(&o.profile, "profile", "", "write a CPU profile to this file: of ctdesk (process, with its allocation profile in FILE.allocs) or of this process (intake)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if o.mode == "soak" {
		if !set["users"] {
			o.users = 100
		}
		if !set["think"] {
			o.think = time.Second
		}
	}
	switch {
	case o.mode != "process" && o.mode != "intake" && o.mode != "broadcast" && o.mode != "soak" && o.mode != "all":
		return o, fmt.Errorf("-mode %q: want process, intake, broadcast, soak or all", o.mode)
	case o.store != "sqlite" && o.store != "redis":
		return o, fmt.Errorf("-store %q: want redis or sqlite", o.store)
	case o.users < 1 || o.rounds < 1 || o.intakeRounds < 1 || o.chats < 1:
		return o, errors.New("-users, -rounds, -intake-rounds and -chats must be at least 1")
	case o.queued < 0 || o.think < 0 || o.spread < 0 || o.duration <= 0 || o.sample <= 0:
		return o, errors.New("-queued, -think and -spread may not be negative; -duration and -sample must be positive")
	}
	return o, nil
}

func run(ctx context.Context, args []string, out io.Writer) (err error) {
	o, err := parse(args)
	if err != nil {
		return err
	}
	switch o.mode {
	case "process":
		return runProcessMode(ctx, o, out)
	case "intake":
		return runIntakeMode(ctx, o, out)
	case "broadcast":
		rs := &lazyRedis{}
		defer func() { err = errors.Join(err, rs.Close()) }()
		return runBroadcast(ctx, o, rs, out)
	case "soak":
		return runSoak(ctx, o, out)
	}
	o.profile = ""
	for _, f := range []func(context.Context, options, io.Writer) error{runProcessMode, runIntakeMode} {
		if err := f(ctx, o, out); err != nil {
			return err
		}
	}
	rs := &lazyRedis{}
	defer func() { err = errors.Join(err, rs.Close()) }()
	return runBroadcast(ctx, o, rs, out)
}

// runProcessMode runs and prints the whole process.
func runProcessMode(ctx context.Context, o options, out io.Writer) error {
	fmt.Fprintf(out, "process: ctdesk as its own process, store %s, %d users filling the correo form (%d updates each) %d time(s), starting spread over %v\n",
		o.store, o.users, len(correoSteps(0, 0)), o.rounds, o.spread)
	res, err := runWhole(ctx, o)
	if err != nil {
		return fmt.Errorf("process: %w", err)
	}
	printWhole(out, res)
	printTargets(out, res)
	if res.tooMany != 0 || res.malformed != 0 || res.eventErrors != 0 {
		return fmt.Errorf("the fake answered %d times 429 and %d times malformed, ctdesk failed %v updates; want 0",
			res.tooMany, res.malformed, res.eventErrors)
	}
	return nil
}

// runIntakeMode runs the users straight into the intake and prints it.
func runIntakeMode(ctx context.Context, o options, out io.Writer) (err error) {
	if o.profile != "" {
		f, err := os.Create(o.profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	rs := &lazyRedis{}
	defer func() { err = errors.Join(err, rs.Close()) }()
	res, err := runDirect(ctx, o, rs)
	if err != nil {
		return fmt.Errorf("intake only: %w", err)
	}
	printResult(out, "intake only", res)
	return nil
}
