package telegram_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// numbered is a text of n numbered lines, long enough to need parts.
func numbered(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("línea %03d: la impresora del piso 2 no imprime en color", i+1)
	}
	return strings.Join(lines, "\n")
}

// TestRestartMidSplitMessage: a message in three parts gets a retry_after
// for its second part, and the process stops while it waits. The next
// process sends the second and third parts; the first is not sent again.
func TestRestartMidSplitMessage(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			st := open(t)
			srv := telegramtest.New(t)
			r := newRig(t, srv, st, telegram.Config{})
			const lines = 180
			msg := conversations.Message{To: "rosa", Text: numbered(lines), Buttons: [][]conversations.Button{{{Label: "Ayuda", Code: "m:help"}}}}
			if _, err := r.eng.Post(context.Background(), "largo", msg); err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			sends := 0
			srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
				if c.Method != "sendMessage" {
					return nil
				}
				mu.Lock()
				defer mu.Unlock()
				if sends++; sends == 2 {
					return &telegramtest.Fault{Code: 429, RetryAfter: 2}
				}
				return nil
			})
			r.start()
			telegramtest.WaitFor(t, func() bool { return srv.Injected() == 1 }, wait)
			r.stop()
			if n := len(srv.BotMessages(rosa.ID)); n != 1 {
				t.Fatalf("before the restart rosa got %d parts, want 1", n)
			}

			r2 := newRig(t, srv, st, telegram.Config{})
			r2.start()
			r2.idle()
			parts := srv.BotMessages(rosa.ID)
			if len(parts) != 3 {
				t.Errorf("rosa got %d parts, want 3", len(parts))
			}
			var all strings.Builder
			for i, p := range parts {
				all.WriteString(p.Text + "\n")
				if p.HasButtons() != (i == len(parts)-1) {
					t.Errorf("part %d buttons = %v", i+1, p.HasButtons())
				}
			}
			for i := 1; i <= lines; i++ {
				if n := strings.Count(all.String(), fmt.Sprintf("línea %03d:", i)); n != 1 {
					t.Errorf("line %d arrived %d times, want once", i, n)
				}
			}
			r.clean()
		})
	}
}
