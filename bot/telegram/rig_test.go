package telegram_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// The example people's Telegram accounts (convtest.People).
var (
	ana  = telegramtest.User{ID: 1001, FirstName: "Ana", LastName: "López", LanguageCode: "es"}
	beto = telegramtest.User{ID: 1002, FirstName: "Beto", LastName: "Ruiz", LanguageCode: "es"}
	luis = telegramtest.User{ID: 2001, FirstName: "Luis", LastName: "Pérez", LanguageCode: "es"}
	rosa = telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz", LanguageCode: "es"}
)

const wait = bottest.Wait

// rig is ctdesk's Telegram side over a fake Bot API and a real store.
type rig struct {
	t      testing.TB
	srv    *telegramtest.Server
	st     storage.Store
	eng    *conversations.Engine
	ad     *telegram.Adapter
	disp   *bot.Dispatcher
	intake *bot.Intake

	mu      sync.Mutex
	blocked []string
	presses int
	stop    func()
}

// newRig seeds st and wires adapter, intake and dispatcher to srv, without
// starting them.
func newRig(tb testing.TB, srv *telegramtest.Server, st storage.Store, cfg telegram.Config) *rig {
	tb.Helper()
	convtest.Seed(tb, st)
	r := &rig{t: tb, srv: srv, st: st, eng: bottest.Engine(tb, st)}
	cfg.Token, cfg.Endpoint, cfg.HTTPClient = srv.Token(), srv.Endpoint(), srv.Client()
	if cfg.PollTimeout == 0 {
		cfg.PollTimeout = time.Second
	}
	ad, err := telegram.New(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("telegram.New: %v", err)
	}
	r.ad = ad
	parking := bot.NewParking(st)
	r.intake = bot.NewIntake(bot.NewReleasing(r.eng, parking, r.eng, nil), func() { r.disp.Wake() })
	r.disp = bottest.Dispatcher(st, r.eng, bot.DispatcherConfig{
		Parking: parking,
		Unreachable: func(_ context.Context, recipient string, _ conversations.Message) {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.blocked = append(r.blocked, recipient)
		},
	}, ad)
	return r
}

// start runs the intake loop and the dispatcher until the test ends or stop.
func (r *rig) start() { r.run(r.intake) }

// startWith runs the rig with h in place of the engine.
func (r *rig) startWith(h bot.Handler) { r.run(bot.NewIntake(h, r.disp.Wake)) }

// run runs the adapter into in, and the dispatcher.
func (r *rig) run(in *bot.Intake) {
	r.stop = bottest.Run(r.t,
		func(ctx context.Context) { _ = r.ad.Run(ctx, in) },
		func(ctx context.Context) { _ = r.disp.Run(ctx) })
}

// say makes u write text and waits for the bot's answer containing want.
func (r *rig) say(u telegramtest.User, text, want string) telegramtest.Message {
	r.t.Helper()
	after := r.srv.LastMessageID(u.ID)
	r.srv.SendText(u, text)
	return r.waitAfter(u.ID, after, want)
}

// press makes u press the button labelled label on the newest bot message
// of chat that shows it, and waits for an answer in u's chat containing want.
func (r *rig) press(u telegramtest.User, chat int64, label, want string) telegramtest.Message {
	r.t.Helper()
	msg, data := r.button(chat, label)
	after := r.srv.LastMessageID(u.ID)
	r.srv.Press(u, msg, data)
	r.presses++
	return r.waitAfter(u.ID, after, want)
}

// button finds the newest bot message in chat with a button labelled label.
func (r *rig) button(chat int64, label string) (telegramtest.Message, string) {
	r.t.Helper()
	var found telegramtest.Message
	var data string
	telegramtest.WaitFor(r.t, func() bool {
		msgs := r.srv.BotMessages(chat)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Buttons {
				for _, b := range row {
					if b.Text == label {
						found, data = msgs[i], b.Data
						return true
					}
				}
			}
		}
		return false
	}, wait)
	return found, data
}

// waitAfter waits for a bot message (new or edited) in chat, newer than
// after, containing want.
func (r *rig) waitAfter(chat int64, after int, want string) telegramtest.Message {
	r.t.Helper()
	var found telegramtest.Message
	ok := false
	deadline := time.Now().Add(wait)
	for !ok && time.Now().Before(deadline) {
		for _, m := range r.srv.BotMessages(chat) {
			if (m.ID > after || m.Edited) && strings.Contains(m.Text+m.Caption, want) {
				found, ok = m, true
			}
		}
		if !ok {
			time.Sleep(5 * time.Millisecond)
		}
	}
	if !ok {
		var texts []string
		for _, m := range r.srv.BotMessages(chat) {
			texts = append(texts, m.Text)
		}
		r.t.Fatalf("chat %d: no message containing %q after #%d; messages: %q", chat, want, after, texts)
	}
	return found
}

// idle waits until the outbox is empty.
func (r *rig) idle() {
	r.t.Helper()
	telegramtest.WaitFor(r.t, func() bool {
		n, err := r.st.PendingOutbox(context.Background())
		return err == nil && n == 0
	}, wait)
}

// clean checks that the fake saw nothing Telegram would reject or throttle.
func (r *rig) clean() {
	r.t.Helper()
	if n := r.srv.Malformed(); n != 0 {
		r.t.Errorf("malformed requests = %d, want 0; errors: %+v", n, r.srv.Errors())
	}
	if n := r.srv.TooMany(); n != 0 {
		var throttled []string
		for _, c := range r.srv.Errors() {
			if c.Status == 429 {
				throttled = append(throttled, c.Method+" "+c.Params["chat_id"]+" "+c.Time.Format("05.000")+" "+c.Description)
			}
		}
		r.t.Errorf("429 answers = %d, want 0: %q", n, throttled)
	}
}

// parked counts the messages waiting for recipient in the store's index
// of parked messages.
func (r *rig) parked(recipient string) int {
	raw, err := r.st.Value(context.Background(), "outbox:parked")
	if err != nil {
		return 0
	}
	var idx map[string][]string
	if err := json.Unmarshal(raw, &idx); err != nil {
		r.t.Errorf("parked index: %v", err)
	}
	return len(idx[recipient])
}
