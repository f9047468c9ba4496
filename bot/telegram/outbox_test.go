package telegram_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// post queues n numbered messages for each person outside any dialog.
func post(tb testing.TB, r *rig, id string, n int, people ...string) {
	tb.Helper()
	var msgs []conversations.Message
	for i := 1; i <= n; i++ {
		for _, p := range people {
			msgs = append(msgs, conversations.Message{To: p, Text: fmt.Sprintf("aviso %s %02d", p, i)})
		}
	}
	if _, err := r.eng.Post(context.Background(), id, msgs...); err != nil {
		tb.Fatalf("post: %v", err)
	}
}

// inOrder checks that chat got exactly the n numbered messages, in order.
func inOrder(tb testing.TB, srv *telegramtest.Server, chat int64, person string, n int) {
	tb.Helper()
	msgs := srv.BotMessages(chat)
	if len(msgs) != n {
		tb.Errorf("chat %d got %d messages, want %d", chat, len(msgs), n)
	}
	for i, m := range msgs {
		if want := fmt.Sprintf("aviso %s %02d", person, i+1); m.Text != want {
			tb.Errorf("chat %d message %d = %q, want %q", chat, i+1, m.Text, want)
		}
	}
}

// TestStormOf429 answers a storm of 429s: nothing goes to a chat before its
// retry_after is over (the fake would answer 429 itself and count it),
// nothing is lost, and each chat gets its messages in order. The
// retry_after of 2 s is longer than the pacing of a private chat (about
// 1 s), so a dispatcher that ignored it would send inside it.
func TestStormOf429(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := telegramtest.New(t)
			r := newRig(t, srv, open(t), telegram.Config{})
			var mu sync.Mutex
			injected := map[string]int{}
			srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
				if c.Method != "sendMessage" || c.Params["chat_id"] == "1001" {
					return nil
				}
				mu.Lock()
				defer mu.Unlock()
				if injected[c.Params["chat_id"]] >= 3 {
					return nil
				}
				injected[c.Params["chat_id"]]++
				return &telegramtest.Fault{Code: 429, RetryAfter: 2}
			})
			post(t, r, "storm", 5, "rosa", "luis", "ana")
			r.start()
			r.idle()
			for _, p := range []struct {
				id   string
				chat int64
			}{{"rosa", rosa.ID}, {"luis", luis.ID}, {"ana", ana.ID}} {
				inOrder(t, srv, p.chat, p.id, 5)
			}
			if srv.Injected() != 6 {
				t.Errorf("injected 429s = %d, want 6", srv.Injected())
			}
			// After each injected 429, the chat heard nothing before retry_after.
			last := map[string]time.Time{}
			for _, c := range srv.Calls("sendMessage") {
				chat := c.Params["chat_id"]
				if until, ok := last[chat]; ok && c.Time.Before(until) {
					t.Errorf("chat %s: sendMessage at %v, inside retry_after (until %v)", chat, c.Time, until)
				}
				if c.Status == 429 {
					last[chat] = c.Time.Add(time.Duration(c.RetryAfter) * time.Second)
				}
			}
			r.clean()
		})
	}
}

// TestRestartDuringStorm stops the dispatcher while chats wait out a
// retry_after: a new one delivers the rest, nothing lost or repeated, in order.
func TestRestartDuringStorm(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	r := newRig(t, srv, st, telegram.Config{})
	srv.FailNext("sendMessage", 429, 2)
	post(t, r, "restart", 4, "rosa")
	r.start()
	telegramtest.WaitFor(t, func() bool { return srv.Injected() == 1 }, wait)
	r.stop()
	r2 := newRig(t, srv, st, telegram.Config{})
	r2.start()
	r2.idle()
	inOrder(t, srv, rosa.ID, "rosa", 4)
	r.clean()
}

// TestBlockedRecipient keeps what cannot reach someone who blocked the bot
// (and has no other platform), tells Unreachable once, and delivers the
// rest; what is queued for her later waits behind it; when she writes to
// the bot again, what waited reaches her first, in order, then the answer.
func TestBlockedRecipient(t *testing.T) {
	srv := telegramtest.New(t)
	r := newRig(t, srv, convtest.SQLite(t), telegram.Config{})
	srv.Block(rosa.ID)
	post(t, r, "blocked", 3, "rosa", "luis")
	r.start()
	telegramtest.WaitFor(t, func() bool { return len(srv.BotMessages(luis.ID)) == 3 }, wait)
	inOrder(t, srv, luis.ID, "luis", 3)
	telegramtest.WaitFor(t, func() bool { r.mu.Lock(); defer r.mu.Unlock(); return len(r.blocked) > 0 }, wait)
	if n := len(srv.BotMessages(rosa.ID)); n != 0 {
		t.Errorf("rosa, who blocked the bot, got %d messages", n)
	}
	// She unblocks the bot without writing to it (Telegram tells no one): a
	// message queued for her now waits behind those, and does not overtake
	// them.
	telegramtest.WaitFor(t, func() bool { return r.parked("rosa") == 3 }, wait)
	srv.Unblock(rosa.ID)
	if _, err := r.eng.Post(context.Background(), "later", conversations.Message{To: "rosa", Text: "aviso rosa 04"}); err != nil {
		t.Fatalf("post: %v", err)
	}
	r.disp.Wake()
	pending := func() int { n, _ := r.st.PendingOutbox(context.Background()); return n }
	telegramtest.WaitFor(t, func() bool { return pending() == 4 && r.parked("rosa") == 4 }, wait)
	r.mu.Lock()
	if len(r.blocked) != 1 || r.blocked[0] != "rosa" {
		t.Errorf("Unreachable calls = %q, want [rosa]", r.blocked)
	}
	r.mu.Unlock()

	if n := len(srv.BotMessages(rosa.ID)); n != 0 {
		t.Errorf("rosa got %d messages before she wrote to the bot", n)
	}
	r.say(rosa, "hola", "¿Qué servicio necesitas")
	msgs := srv.BotMessages(rosa.ID)
	var got []string
	for _, m := range msgs {
		got = append(got, strings.SplitN(m.Text, "\n", 2)[0])
	}
	want := []string{"aviso rosa 01", "aviso rosa 02", "aviso rosa 03", "aviso rosa 04"}
	if len(got) != 5 || !slices.Equal(got[:4], want) || !strings.Contains(msgs[4].Text, "¿Qué servicio necesitas") {
		t.Errorf("rosa read %q, want %q then the menu", got, want)
	}
	r.idle()
	r.clean()
}

// TestReachableAgainWhileParking: the bot cannot reach rosa for her first
// message and could for the next ones (she unblocked it at once): those,
// already in the dispatcher's hands, wait behind the parked one instead of
// going out ahead of it, and when she writes she reads the three in the
// order they were queued, then the answer.
func TestReachableAgainWhileParking(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := telegramtest.New(t)
			r := newRig(t, srv, open(t), telegram.Config{})
			var once sync.Once
			srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
				var f *telegramtest.Fault
				if c.Method == "sendMessage" && c.Params["chat_id"] == strconv.FormatInt(rosa.ID, 10) {
					once.Do(func() { f = &telegramtest.Fault{Code: 403} })
				}
				return f
			})
			post(t, r, "parked", 3, "rosa")
			r.start()
			telegramtest.WaitFor(t, func() bool { r.mu.Lock(); defer r.mu.Unlock(); return len(r.blocked) > 0 }, wait)
			r.say(rosa, "hola", "¿Qué servicio necesitas")
			r.idle()
			var got []string
			for _, m := range srv.BotMessages(rosa.ID) {
				got = append(got, strings.SplitN(m.Text, "\n", 2)[0])
			}
			want := []string{"aviso rosa 01", "aviso rosa 02", "aviso rosa 03"}
			if len(got) != 4 || !slices.Equal(got[:3], want) {
				t.Errorf("rosa read %q, want %q then the menu", got, want)
			}
			r.clean()
		})
	}
}

// TestPoisonPayload drops an outbox item nobody can decode, with a log
// line, and delivers the rest.
func TestPoisonPayload(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	r := newRig(t, srv, st, telegram.Config{})
	c := storage.Change{Outbox: []storage.OutboxItem{
		{ID: "poison#0", Recipient: "rosa", Payload: []byte("\x00not a message"), Created: time.Now()},
		{ID: "poison#1", Recipient: "nadie", Payload: []byte(`{"t":"x"}`), Created: time.Now()},
	}}
	if _, err := st.Commit(context.Background(), c); err != nil {
		t.Fatalf("commit: %v", err)
	}
	post(t, r, "after", 1, "rosa")
	r.start()
	r.idle()
	inOrder(t, srv, rosa.ID, "rosa", 1)
	r.clean()
}

// TestBroadcastPaced sends 40 reminders to 40 chats and 6 to one chat with
// the limits on: the fake never throttles.
func TestBroadcastPaced(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	r := newRig(t, srv, st, telegram.Config{})
	var people []string
	for i := range 40 {
		id := "p" + strconv.Itoa(i)
		people = append(people, id)
		if err := st.PutPerson(context.Background(), storage.Person{ID: id, Name: id, Role: storage.RoleUsuario, Area: "finanzas",
			Accounts: map[string]string{"telegram": strconv.Itoa(50000 + i)}}); err != nil {
			t.Fatal(err)
		}
	}
	post(t, r, "many", 1, people...)
	post(t, r, "one", 6, "rosa")
	r.start()
	r.idle()
	inOrder(t, srv, rosa.ID, "rosa", 6)
	r.clean()
}
