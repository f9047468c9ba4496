package slack_test

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"ctdesk/bot"
	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
)

// TestRateLimitThroughOutbox: Slack answers 429 with a Retry-After of 2 s,
// longer than the pacing of a DM (1 s); the outbox waits that long and the
// message arrives once, before the answer to rosa's next message.
func TestRateLimitThroughOutbox(t *testing.T) {
	r := socketRig(t, convtest.SQLite(t))
	r.srv.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: 2, Error: "ratelimited"})
	r.srv.Say(rosa, "hola")
	r.srv.WaitMessage(t, rosa, 0, "Rosa", wait)
	calls := r.srv.Calls("chat.postMessage")
	if len(calls) != 2 || calls[0].Error != "ratelimited" || calls[1].Error != "" {
		t.Fatalf("chat.postMessage calls %+v, want a 429 then one success", calls)
	}
	if gap := calls[1].At.Sub(calls[0].At); gap < 2*time.Second {
		t.Errorf("menu sent %s after the 429, inside its Retry-After of 2 s", gap)
	}
	r.say(rosa, "/ayuda", "")
	if n := len(r.srv.BotMessages(rosa)); n != 2 {
		t.Errorf("rosa has %d messages after the menu and the help, want 2", n)
	}
	if n := len(r.srv.Calls("chat.postMessage")); n != 3 {
		t.Errorf("%d chat.postMessage calls, want the 429, the menu and the help", n)
	}
}

// TestSendKeepsProgress: a 429 after the files went out makes the retry
// send only the text; each file and the text reach the person once.
func TestSendKeepsProgress(t *testing.T) {
	srv := slacktest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	r := newRig(t, srv, st, ctslack.Config{})
	ctx := context.Background()
	m := conversations.Message{ID: "ev-1#0", To: "rosa", Text: "Te envío los bocetos:", Buttons: [][]conversations.Button{{{Label: "Elegir", Code: "p:done"}}}}
	files := []bot.File{{Name: "boceto1.pdf", MIME: "application/pdf", Data: []byte("%PDF uno")}, {Name: "boceto2.png", MIME: "image/png", Data: []byte("\x89PNG dos")}}
	srv.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: 3, Error: "ratelimited"})
	d := &bot.Delivery{Account: rosa, Message: m, Files: files}
	err := r.ad.Send(ctx, d)
	var ra *bot.RetryAfterError
	if !errors.As(err, &ra) || ra.After != 3*time.Second {
		t.Fatalf("first send: %v, want a RetryAfterError of 3 s", err)
	}
	if err := r.ad.Send(ctx, d); err != nil {
		t.Fatalf("retry: %v", err)
	}
	msgs := srv.BotMessages(rosa)
	if len(msgs) != 3 || len(msgs[0].Files) != 1 || len(msgs[1].Files) != 1 || msgs[2].Full() != m.Text {
		t.Fatalf("rosa sees %+v, want two files then the text", msgs)
	}
	if !bytes.Equal(msgs[1].Files[0].Data, files[1].Data) || msgs[1].Files[0].Name != "boceto2.png" {
		t.Errorf("second file %+v", msgs[1].Files[0])
	}
	if got := msgs[2].Labels(); len(got) != 1 || got[0] != "Elegir" {
		t.Errorf("buttons %v", got)
	}

	// Classified errors: a deactivated person is blocked.
	srv.Disable(luis)
	if err := r.ad.Send(ctx, &bot.Delivery{Account: luis, Message: conversations.Message{ID: "ev-2#0", To: "luis", Text: "hola"}}); !errors.Is(err, bot.ErrBlocked) {
		t.Errorf("send to a deactivated user: %v, want ErrBlocked", err)
	}
	// An edit whose message is gone is sent as a new message.
	if err := r.ad.Send(ctx, &bot.Delivery{Account: rosa, Message: conversations.Message{ID: "ev-3#0", To: "rosa", Text: "Aprobada", Edit: "D" + rosa + ":1.000"}}); err != nil {
		t.Errorf("edit of a missing message: %v", err)
	}
	if msgs := srv.BotMessages(rosa); msgs[len(msgs)-1].Full() != "Aprobada" {
		t.Errorf("last message %q, want the edit sent anew", msgs[len(msgs)-1].Full())
	}
}

// recorder keeps the events handed to the intake.
type recorder struct {
	h  bot.Handler
	mu sync.Mutex
	ev []conversations.Event
}

func (r *recorder) Handle(ctx context.Context, ev conversations.Event) (conversations.Result, error) {
	r.mu.Lock()
	r.ev = append(r.ev, ev)
	r.mu.Unlock()
	return r.h.Handle(ctx, ev)
}

func (r *recorder) events() []conversations.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]conversations.Event(nil), r.ev...)
}

// TestSharedFiles: files shared in the DM are downloaded with the bot
// token and handed over with their bytes; one over the limit is TooBig.
func TestSharedFiles(t *testing.T) {
	srv := slacktest.New(t)
	st := convtest.SQLite(t)
	seedSlack(t, st, srv)
	r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken(), MaxFile: 1 << 10})
	// The intake hands events to rec, which passes them on.
	rec := &recorder{h: bot.NewLastPlatform(r.eng, st, nil)}
	r.intake = bot.NewIntake(rec, r.disp.Wake)
	r.start()
	photo := bytes.Repeat([]byte{0xff, 0xd8, 0xff}, 100)
	srv.Share(rosa, "equipo.jpg", "image/jpeg", photo, "la impresora")
	srv.Share(rosa, "manual.pdf", "application/pdf", bytes.Repeat([]byte("x"), 2<<10), "")
	slacktest.WaitFor(t, "two events", wait, func() bool { return len(rec.events()) == 2 })
	ev := rec.events()
	if f := ev[0].Files; len(f) != 1 || !bytes.Equal(f[0].Data, photo) || !f[0].Photo || f[0].Name != "equipo.jpg" || ev[0].Text != "la impresora" {
		t.Errorf("first event %+v", ev[0])
	}
	if f := ev[1].Files; len(f) != 1 || !f[0].TooBig || f[0].Data != nil {
		t.Errorf("second event's file %+v, want TooBig without bytes", f)
	}
	if ev[0].Platform != "slack" || ev[0].Account != rosa || ev[0].ID == "" {
		t.Errorf("event %+v", ev[0])
	}
}
