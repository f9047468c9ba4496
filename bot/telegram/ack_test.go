package telegram_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// hiccup is a store whose next acks fail, as they do while it restarts.
type hiccup struct {
	storage.Store
	mu    sync.Mutex
	fails int
}

func (h *hiccup) AckOutbox(ctx context.Context, ids ...string) error {
	h.mu.Lock()
	if h.fails > 0 {
		h.fails--
		h.mu.Unlock()
		return errors.New("redisstore: ack outbox: EOF")
	}
	h.mu.Unlock()
	return h.Store.AckOutbox(ctx, ids...)
}

// TestAckThroughStoreRestart: the store fails the acks of a delivered
// message for a moment; the message is recorded as delivered once the store
// answers, and is not sent again (after the next ones) when its lease ends.
func TestAckThroughStoreRestart(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	r := newRig(t, srv, st, telegram.Config{})
	r.disp = bottest.Dispatcher(&hiccup{Store: st, fails: 2}, r.eng, bot.DispatcherConfig{Lease: 500 * time.Millisecond}, r.ad)
	post(t, r, "hipo", 3, "rosa")
	r.start()
	r.idle()
	inOrder(t, srv, rosa.ID, "rosa", 3)
	r.clean()
}
