package bot_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// blockOnce cannot reach the recipient of its first message, and reaches
// everyone after that; it records what it delivered, in order.
type blockOnce struct {
	orderSender
	once sync.Once
}

func (s *blockOnce) Send(ctx context.Context, d *bot.Delivery) error {
	blocked := false
	s.once.Do(func() { blocked = true })
	if blocked {
		return bot.ErrBlocked
	}
	return s.orderSender.Send(ctx, d)
}

// TestReleasedWhileInHand: the first of rosa's three messages cannot reach
// her and is parked; she writes to the bot (on another replica) right
// then, while the next two are already in the dispatcher's hands. The
// released message still comes first: the two go back behind it instead
// of overtaking it.
func TestReleasedWhileInHand(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			convtest.Seed(t, st)
			e := bottest.Engine(t, st)
			ctx := context.Background()
			if _, err := e.Post(ctx, "avisos",
				conversations.Message{To: "rosa", Text: "uno"},
				conversations.Message{To: "rosa", Text: "dos"},
				conversations.Message{To: "rosa", Text: "tres"}); err != nil {
				t.Fatal(err)
			}
			other := bot.NewParking(st) // the intake of another replica
			s := &blockOnce{}
			d := bot.NewDispatcher(st, e, bot.NewRouter(st, s), bot.DispatcherConfig{
				Poll: 20 * time.Millisecond,
				Unreachable: func(ctx context.Context, recipient string, _ conversations.Message) {
					if n, err := other.Release(ctx, recipient); err != nil || n != 1 {
						t.Errorf("release while the next messages are in hand: %d, %v", n, err)
					}
				},
			})
			c, cancel := context.WithCancel(ctx)
			done := make(chan struct{})
			go func() { defer close(done); _ = d.Run(c) }()
			defer func() { cancel(); <-done }()
			waitFor(t, "the three messages delivered", func() bool { return len(s.texts()) == 3 })
			if got, want := s.texts(), []string{"uno", "dos", "tres"}; !slices.Equal(got, want) {
				t.Errorf("rosa read %q, want %q", got, want)
			}
		})
	}
}
