package slacktest_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"

	"ctdesk/bot/slack/slacktest"
)

func client(srv *slacktest.Server) *slack.Client {
	return slack.New(srv.BotToken(), slack.OptionAPIURL(srv.APIURL()), slack.OptionAppLevelToken(srv.AppToken()))
}

// TestWebAPI drives the fake with slack-go: a DM with buttons, its update,
// an upload and a download.
func TestWebAPI(t *testing.T) {
	srv := slacktest.New(t)
	srv.AddUser("U1", "rosa")
	api := client(srv)
	ctx := context.Background()
	if _, err := api.AuthTestContext(ctx); err != nil {
		t.Fatalf("auth.test: %v", err)
	}
	ch, _, _, err := api.OpenConversationContext(ctx, &slack.OpenConversationParameters{Users: []string{"U1"}})
	if err != nil {
		t.Fatalf("conversations.open: %v", err)
	}
	section := slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "¿Apruebas?", false, false), nil, nil)
	yes := slack.NewButtonBlockElement("b0", "t:CT-1:ok:1", slack.NewTextBlockObject(slack.PlainTextType, "Aprobar", false, false))
	_, ts, err := api.PostMessageContext(ctx, ch.ID, slack.MsgOptionText("¿Apruebas?", false),
		slack.MsgOptionBlocks(section, slack.NewActionBlock("r0", yes)))
	if err != nil {
		t.Fatalf("chat.postMessage: %v", err)
	}
	msgs := srv.BotMessages("U1")
	if len(msgs) != 1 || msgs[0].TS != ts || len(msgs[0].Labels()) != 1 || msgs[0].Buttons[0][0].Value != "t:CT-1:ok:1" {
		t.Fatalf("messages = %+v, want one with the button", msgs)
	}
	if _, _, _, err := api.UpdateMessageContext(ctx, ch.ID, ts, slack.MsgOptionText("Aprobado", false)); err != nil {
		t.Fatalf("chat.update: %v", err)
	}
	if m := srv.BotMessages("U1")[0]; m.Full() != "Aprobado" || len(m.Buttons) != 0 || m.Updates != 1 {
		t.Errorf("after update: %+v", m)
	}
	data := []byte("%PDF-1.4 informe")
	f, err := api.UploadFileContext(ctx, slack.UploadFileParameters{Reader: bytes.NewReader(data), FileSize: len(data), Filename: "informe.pdf", Channel: ch.ID})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	info, _, _, err := api.GetFileInfoContext(ctx, f.ID, 0, 0)
	if err != nil {
		t.Fatalf("files.info: %v", err)
	}
	var got bytes.Buffer
	if err := api.GetFileContext(ctx, info.URLPrivateDownload, &got); err != nil || !bytes.Equal(got.Bytes(), data) {
		t.Fatalf("download = %q, %v; want the uploaded bytes", got.Bytes(), err)
	}
	other := slack.New("xoxb-wrong", slack.OptionAPIURL(srv.APIURL()))
	if err := other.GetFileContext(ctx, info.URLPrivateDownload, &got); err == nil {
		t.Errorf("download with a wrong token succeeded")
	}
	srv.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: 7, Error: "ratelimited"})
	_, _, err = api.PostMessageContext(ctx, ch.ID, slack.MsgOptionText("x", false))
	var rl *slack.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Errorf("429: err = %v, want RateLimitedError of 7s", err)
	}
}

// TestSocketMode checks hello, envelopes, acks, a refresh and redelivery.
func TestSocketMode(t *testing.T) {
	srv := slacktest.New(t)
	sm := socketmode.New(client(srv))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- sm.RunContext(ctx) }()
	texts := make(chan string, 10)
	go func() {
		for ev := range sm.Events {
			if ev.Request != nil && ev.Type != socketmode.EventTypeHello {
				_ = sm.Ack(*ev.Request)
			}
			if ev.Type == socketmode.EventTypeEventsAPI {
				texts <- ev.Request.EnvelopeID
			}
		}
	}()
	id := srv.Say("U1", "hola")
	if got := <-texts; got != id {
		t.Fatalf("envelope %s, want %s", got, id)
	}
	// The client acks on its own goroutine: the refresh must come after the
	// server saw the ack, or it sends the envelope again by itself.
	slacktest.WaitFor(t, "the first ack", 2*time.Second, func() bool { return len(srv.Acks()) == 1 })
	srv.Disconnect()
	slacktest.WaitFor(t, "a second connection", 5*time.Second, func() bool { opened, open := srv.Connections(); return opened == 2 && open == 1 })
	if err := srv.Redeliver(id); err != nil {
		t.Fatal(err)
	}
	if got := <-texts; got != id {
		t.Fatalf("redelivered %s, want %s", got, id)
	}
	slacktest.WaitFor(t, "two acks", 2*time.Second, func() bool { return len(srv.Acks()) == 2 })
	if a := srv.Acks()[1]; a.Attempt != 1 || a.Latency > time.Second {
		t.Errorf("second ack %+v, want attempt 1 within a second", a)
	}
	if n := srv.Malformed(); n != 0 || strings.Contains(srv.Calls("")[0].Error, "auth") {
		t.Errorf("malformed = %d, calls %+v", n, srv.Calls(""))
	}
	cancel()
	<-done
}
