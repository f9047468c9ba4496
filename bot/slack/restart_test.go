package slack_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestRestartMidMessage: a message of two files and a text gets a 429 for
// its text after the files went out, and the process stops while it waits.
// The next process sends the text; the files are not uploaded again.
func TestRestartMidMessage(t *testing.T) {
	for name, open := range convtest.Stores() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			srv := slacktest.New(t)
			st := open(t)
			seedSlack(t, st, srv)
			r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()})
			drafts := [][]byte{[]byte("%PDF boceto uno"), []byte("%PDF boceto dos")}
			msg := conversations.Message{To: "rosa", Text: "Te envío los bocetos:",
				Buttons: [][]conversations.Button{{{Label: "Elegir", Code: "p:done"}}}}
			for i, data := range drafts {
				name := []string{"boceto1.pdf", "boceto2.pdf"}[i]
				id, err := st.PutFile(ctx, storage.File{Name: name, MIME: "application/pdf", Size: int64(len(data)), Data: data, Created: time.Now()})
				if err != nil {
					t.Fatal(err)
				}
				msg.Files = append(msg.Files, conversations.OutFile{ID: id, Name: name})
			}
			if _, err := r.eng.Post(ctx, "bocetos", msg); err != nil {
				t.Fatal(err)
			}
			srv.FailNext("chat.postMessage", slacktest.Fault{Status: 429, RetryAfter: 2, Error: "ratelimited"})
			r.start()
			slacktest.WaitFor(t, "the 429 for the text", wait, func() bool { return len(srv.Calls("chat.postMessage")) == 1 })
			r.stop()
			if n := len(srv.BotMessages(rosa)); n != 2 {
				t.Fatalf("before the restart rosa got %d messages, want the 2 files", n)
			}

			r2 := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()})
			r2.start()
			slacktest.WaitFor(t, "an empty outbox", wait, func() bool {
				n, err := st.PendingOutbox(ctx)
				return err == nil && n == 0
			})
			msgs := srv.BotMessages(rosa)
			if len(msgs) != 3 || len(msgs[0].Files) != 1 || len(msgs[1].Files) != 1 || msgs[2].Full() != msg.Text {
				var seen []string
				for _, m := range msgs {
					for _, f := range m.Files {
						seen = append(seen, f.Name)
					}
					if m.Full() != "" {
						seen = append(seen, m.Full())
					}
				}
				t.Fatalf("rosa sees %q, want each file once, then the text", seen)
			}
			for i, data := range drafts {
				if !bytes.Equal(msgs[i].Files[0].Data, data) {
					t.Errorf("file %d is %q, want %q", i+1, msgs[i].Files[0].Data, data)
				}
			}
			if got := msgs[2].Labels(); len(got) != 1 || got[0] != "Elegir" {
				t.Errorf("buttons %v, want [Elegir]", got)
			}
		})
	}
}
