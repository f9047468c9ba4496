// Package bottest gives the tests of the chat adapters what they share:
// ctdesk's real engine over a store with the example directory of
// convtest, a dispatcher routing to the adapters, and a way to run their
// loops until the test ends.
package bottest

import (
	"context"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// Password is the temporary password the engine hands out in tests.
const Password = "Tq7#mPz4Xa9kWe"

// Wait is how long a test waits for the bot to answer.
const Wait = 20 * time.Second

// Poll is how often a test's dispatcher looks at the outbox.
const Poll = 20 * time.Millisecond

// Engine builds the real engine over st.
func Engine(tb testing.TB, st storage.Store) *conversations.Engine {
	tb.Helper()
	eng, err := conversations.New(conversations.Config{
		Institution: "Universidad Politécnica de Ejemplo",
		Location:    convtest.Location(),
		Password:    func() string { return Password },
	}, st, conversations.DefaultServices()...)
	if err != nil {
		tb.Fatalf("new engine: %v", err)
	}
	return eng
}

// Dispatcher drains st's outbox through senders, in routing order, looking
// every Poll unless cfg says otherwise.
func Dispatcher(st storage.Store, eng *conversations.Engine, cfg bot.DispatcherConfig, senders ...bot.Sender) *bot.Dispatcher {
	if cfg.Poll == 0 {
		cfg.Poll = Poll
	}
	return bot.NewDispatcher(st, eng, bot.NewRouter(st, senders...), cfg)
}

// Run runs each loop in its own goroutine until the test ends or stop is
// called; stop cancels them and waits for them to return, once.
func Run(tb testing.TB, loops ...func(ctx context.Context)) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, loop := range loops {
		wg.Go(func() { loop(ctx) })
	}
	var once sync.Once
	stop = func() { once.Do(func() { cancel(); wg.Wait() }) }
	tb.Cleanup(stop)
	return stop
}
