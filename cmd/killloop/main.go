//go:build linux

// Command killloop proves that ctdesk holds under kill -9: it runs the real
// ctdesk binary against the fake Bot API while requesters (20 by default)
// fill correo alta forms in their chats, kills ctdesk with SIGKILL again
// and again (50 times by default, some right as a requester presses
// «Enviar»), and then reports lost updates, duplicated replies, folio
// gaps and stuck tickets, on Redis and on the embedded SQLite store.
// It is not part of the test suite: it takes minutes.
//
//	go run ./cmd/killloop [-cycles 50] [-users 20] [-store redis,sqlite] [-v]
package main

import (
	"context"
	"ctdesk/cmd/internal/redisproc"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
	"ctdesk/storage"
	"ctdesk/storage/redisstore"
	"ctdesk/storage/sqlitestore"

	"github.com/redis/go-redis/v9"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "killloop:", err)
		os.Exit(1)
	}
}

// options are the loop's flags.
type options struct {
	cycles, users int
	stores        []string
	redisURL      string
	seed          uint64
	verbose       bool
}

func parse(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("killloop", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&o.cycles, "cycles", 50, "kill -9 cycles per store")
	fs.IntVar(&o.users, "users", 20, "requesters filling forms at once")
	stores := fs.String("store", "redis,sqlite", "stores to try, comma-separated: redis, sqlite")
	fs.StringVar(&o.redisURL, "redis", "", "a Redis to use (default: a private redis-server)")
	fs.Uint64Var(&o.seed, "seed", uint64(time.Now().UnixNano()), "chooses the moments of the kills")
	fs.BoolVar(&o.verbose, "v", false, "show the rig's log")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	o.stores = strings.Split(*stores, ",")
	if o.cycles < 1 || o.users < 1 {
		return o, errors.New("-cycles and -users must be at least 1")
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	o, err := parse(args, stderr)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "killloop")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	build := &report{log: stderr}
	bin := crashrig.Build(build, "ctdesk/cmd/ctdesk", dir)
	failed := false
	for _, name := range o.stores {
		rep := &report{log: stderr, verbose: o.verbose}
		tally, took, err := loop(rep, o, name, filepath.Join(dir, name), bin)
		rep.close()
		if err != nil {
			return err
		}
		printTally(stdout, name, o, tally, took, rep.problems)
		if o.verbose {
			for _, p := range rep.problems {
				fmt.Fprintf(stderr, "%s: %s\n", name, p)
			}
		}
		failed = failed || len(rep.problems) > 0 || tally.LostUpdates+tally.Unexplained+tally.FolioGaps+tally.StuckTickets > 0
	}
	if failed {
		return errors.New("ctdesk did not hold")
	}
	return nil
}

// loop plays the kill loop on one store. A requester waits up to two
// minutes for each answer: under a kill every few seconds, what a killed
// process had claimed waits out its lease, so answers come late; one that
// never comes is a lost update.
func loop(rep *report, o options, store, dir, bin string) (tally crashrig.Tally, took time.Duration, err error) {
	defer func() {
		if f, ok := recover().(fatal); ok {
			err = fmt.Errorf("%s: %s", store, f.msg)
		}
	}()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return tally, 0, err
	}
	people := crashrig.Requesters(o.users)
	vars := map[string]string{"CTDESK_CONFIG": crashrig.Config(rep, dir, people)}
	open, err := storeVars(rep, o, store, dir, vars)
	if err != nil {
		return tally, 0, err
	}
	srv, err := telegramtest.Start("127.0.0.1:0")
	if err != nil {
		return tally, 0, err
	}
	rep.Cleanup(srv.Close)
	onSubmit := o.cycles / 5
	r := crashrig.NewRig(rep, bin, srv, vars, o.seed)
	start := time.Now()
	qs, dis := r.Play(crashrig.Scenario{People: people, Forms: 1000, UntilDone: true, Disruptions: o.cycles - onSubmit,
		OnSubmit: onSubmit, Seed: o.seed, Disrupt: crashrig.KillCtdesk, Recover: true, Patience: 2 * time.Minute, Settle: 10 * time.Minute})
	tally = r.Check(qs, dis, open)
	return tally, time.Since(start), nil
}

// storeVars sets up the store and returns how to open it once ctdesk stopped.
func storeVars(rep *report, o options, store, dir string, vars map[string]string) (func() (storage.Store, error), error) {
	switch store {
	case "sqlite":
		path := filepath.Join(dir, "ctdesk.db")
		vars["CTDESK_DATA"] = path
		return func() (storage.Store, error) { return sqlitestore.Open(context.Background(), path) }, nil
	case "redis":
		url := o.redisURL
		if url == "" {
			srv, err := redisproc.Start(redisproc.Options{Dir: dir, Fsync: "always"})
			if err != nil {
				return nil, err
			}
			rep.Cleanup(func() { _ = srv.Close() })
			url = srv.URL()
		}
		prefix := fmt.Sprintf("killloop%d", time.Now().UnixNano())
		vars["REDIS_URL"], vars["CTDESK_REDIS_PREFIX"] = url, prefix
		return func() (storage.Store, error) {
			opts, err := redisstore.ParseURL(url)
			if err != nil {
				return nil, err
			}
			return redisstore.New(redis.NewUniversalClient(opts), redisstore.Options{Prefix: prefix}), nil
		}, nil
	}
	return nil, fmt.Errorf("unknown store %q: want redis or sqlite", store)
}

// printTally writes the figures of one store's loop.
func printTally(w io.Writer, store string, o options, t crashrig.Tally, took time.Duration, problems []string) {
	fmt.Fprintf(w, "%s: %d kill -9 cycles, %d users, %s, seed %d\n", store, t.Disruptions, o.users, took.Round(time.Second), o.seed)
	fmt.Fprintf(w, "  updates sent            %d\n", t.Updates)
	fmt.Fprintf(w, "  lost updates            %d\n", t.LostUpdates)
	fmt.Fprintf(w, "  longest wait for a reply %s\n", t.LongestWait.Round(100*time.Millisecond))
	fmt.Fprintf(w, "  duplicated replies      %d (%d not explained by a kill between send and record)\n", t.Duplicates, t.Unexplained)
	fmt.Fprintf(w, "  tickets                 %d\n", t.Tickets)
	fmt.Fprintf(w, "  folio gaps              %d\n", t.FolioGaps)
	fmt.Fprintf(w, "  stuck tickets           %d\n", t.StuckTickets)
	fmt.Fprintf(w, "  other problems          %d\n", len(problems))
	for i, p := range problems {
		if i == 10 {
			fmt.Fprintf(w, "    … and %d more\n", len(problems)-10)
			break
		}
		first, _, _ := strings.Cut(p, "\n")
		fmt.Fprintf(w, "    %s\n", first)
	}
}
