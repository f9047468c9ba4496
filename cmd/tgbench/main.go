// Command tgbench measures ctdesk's speed against a fake Telegram Bot API on
// loopback that enforces Telegram's rate limits (DESIGN §7).
//
// -mode updates plays N busy users filling the correo form (the menu, the
// service, six answers by text and buttons, send) at once, on the embedded
// SQLite store or Redis, twice: over real long polling with the outbox
// delivering every answer, and straight into the intake to measure dialog
// and store alone. It prints updates per second, latency percentiles, CPU
// and Redis round trips per update, and memory per open dialog.
//
// -mode broadcast posts a reminder to each of N private chats and delivers
// them with the outbox dispatcher: messages per second and 429s (want 0).
//
// -mode all (the default) runs both.
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
	chats        int
	direct       bool
	directRounds int
	spread       time.Duration
	cpuprofile   string
}

func parse(args []string) (options, error) {
	var o options
	fs := flag.NewFlagSet("tgbench", flag.ContinueOnError)
	fs.StringVar(&o.mode, "mode", "all", "updates, broadcast or all")
	fs.StringVar(&o.store, "store", "sqlite", "sqlite (a temporary file) or redis (REDIS_URL, or a private redis-server)")
	fs.IntVar(&o.users, "users", 200, "updates: busy users filling the form at once")
	fs.IntVar(&o.rounds, "rounds", 1, "updates: forms each user fills (9 updates each)")
	fs.IntVar(&o.chats, "chats", 1000, "broadcast: private chats, one reminder each")
	fs.BoolVar(&o.direct, "direct", true, "updates: also run the users straight into the intake (no HTTP)")
	fs.IntVar(&o.directRounds, "direct-rounds", 5, "updates: forms each user fills straight into the intake")
	fs.DurationVar(&o.spread, "spread", time.Second, "updates: users start (and resume after the memory pause) spread over this time")
	fs.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the whole run to this file")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	switch {
	case o.mode != "updates" && o.mode != "broadcast" && o.mode != "all":
		return o, fmt.Errorf("-mode %q: want updates, broadcast or all", o.mode)
	case o.store != "sqlite" && o.store != "redis":
		return o, fmt.Errorf("-store %q: want sqlite or redis", o.store)
	case o.users < 1 || o.rounds < 1 || o.directRounds < 1 || o.chats < 1:
		return o, errors.New("-users, -rounds, -direct-rounds and -chats must be at least 1")
	}
	return o, nil
}

func run(ctx context.Context, args []string, out io.Writer) (err error) {
	o, err := parse(args)
	if err != nil {
		return err
	}
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	rs := &redisServer{}
	defer func() { err = errors.Join(err, rs.Close()) }()
	if o.mode != "broadcast" {
		if err := runUpdates(ctx, o, rs, out); err != nil {
			return err
		}
	}
	if o.mode != "updates" {
		return runBroadcast(ctx, o, rs, out)
	}
	return nil
}

// runUpdates runs the users over long polling, then (with -direct) into
// the intake, and prints both and the targets.
func runUpdates(ctx context.Context, o options, rs *redisServer, out io.Writer) error {
	fmt.Fprintf(out, "updates: store %s, %d users filling the correo form (%d updates each) at once, starting spread over %v\n",
		o.store, o.users, len(correoSteps(0, 0)), o.spread)
	live, err := runLive(ctx, o, rs)
	if err != nil {
		return fmt.Errorf("over long polling: %w", err)
	}
	printResult(out, "1", live)
	if !o.direct {
		return throttled(live)
	}
	direct, err := runDirect(ctx, o, rs)
	if err != nil {
		return fmt.Errorf("intake only: %w", err)
	}
	printResult(out, "2", direct)
	printTargets(out, live, direct)
	return throttled(live)
}

// throttled fails a run in which Telegram would have throttled or refused
// the bot.
func throttled(r result) error {
	if r.tooMany != 0 || r.malformed != 0 {
		return fmt.Errorf("the fake answered %d times 429 and %d times malformed, want 0", r.tooMany, r.malformed)
	}
	return nil
}
