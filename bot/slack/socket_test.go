package slack_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// slowStore is a real store whose commits take a while, or fail.
type slowStore struct {
	storage.Store
	delay atomic.Int64 // nanoseconds
	fail  atomic.Int32 // commits left to fail
}

func (s *slowStore) Commit(ctx context.Context, c storage.Change) (storage.Committed, error) {
	time.Sleep(time.Duration(s.delay.Load()))
	if s.fail.Add(-1) >= 0 {
		return storage.Committed{}, errors.New("store unavailable")
	}
	return s.Store.Commit(ctx, c)
}

func socketRig(t *testing.T, st storage.Store) *rig {
	t.Helper()
	srv := slacktest.New(t)
	seedSlack(t, st, srv)
	r := newRig(t, srv, st, ctslack.Config{AppToken: srv.AppToken()})
	r.start()
	return r
}

// TestRedeliveredEnvelope: Slack sends an envelope again (its ack was not
// seen); it is acked again and applied once.
func TestRedeliveredEnvelope(t *testing.T) {
	r := socketRig(t, convtest.SQLite(t))
	id := r.srv.Say(rosa, "hola")
	r.srv.WaitMessage(t, rosa, 0, "Rosa", wait)
	if err := r.srv.Redeliver(id); err != nil {
		t.Fatal(err)
	}
	slacktest.WaitFor(t, "the redelivery acked", wait, func() bool { return len(r.srv.Acks()) == 2 })
	if a := r.srv.Acks()[1]; a.EnvelopeID != id || a.Attempt != 1 {
		t.Errorf("second ack %+v, want %s attempt 1", a, id)
	}
	// A refresh in between: the client reconnects and goes on.
	r.srv.Disconnect()
	slacktest.WaitFor(t, "a new connection", wait, func() bool { opened, open := r.srv.Connections(); return opened >= 2 && open == 1 })
	r.say(rosa, "/ayuda", "")
	if n := len(r.srv.BotMessages(rosa)); n < 2 {
		t.Fatalf("rosa got %d messages", n)
	}
	menus := 0
	for _, m := range r.srv.BotMessages(rosa) {
		if len(m.Labels()) > 0 && m.Labels()[0] == "Mantenimiento de equipo" {
			menus++
		}
	}
	if menus != 1 {
		t.Errorf("rosa got %d menus for one hola, want 1", menus)
	}
}

// TestAckWhileStoreIsSlow: every envelope is acked within 3 s although
// each commit takes 4 s, and the events are still applied in order.
func TestAckWhileStoreIsSlow(t *testing.T) {
	st := &slowStore{Store: convtest.SQLite(t)}
	r := socketRig(t, st)
	st.delay.Store(int64(4 * time.Second))
	r.srv.Say(rosa, "hola")
	r.srv.Slash(rosa, "", "/ctdesk", "ayuda")
	slacktest.WaitFor(t, "two acks", 10*time.Second, func() bool { return len(r.srv.Acks()) == 2 })
	for _, a := range r.srv.Acks() {
		if a.Latency > 3*time.Second {
			t.Errorf("envelope %s acked after %s, want within 3 s", a.EnvelopeID, a.Latency)
		}
	}
	menu := r.srv.WaitMessage(t, rosa, 0, "Rosa", wait)
	if len(menu.Labels()) == 0 {
		t.Errorf("first answer %q has no menu", menu.Full())
	}
	r.srv.WaitMessage(t, rosa, 1, "", wait)
}

// TestStoreFailureLeavesEnvelopeUnacked: an event whose commit fails at
// once is not acked, so Slack delivers it again; then it is applied. Its
// failure is known once rosa's next event, handled after it, is answered.
func TestStoreFailureLeavesEnvelopeUnacked(t *testing.T) {
	st := &slowStore{Store: convtest.SQLite(t)}
	r := socketRig(t, st)
	st.fail.Store(1)
	id := r.srv.Say(rosa, "hola")
	help := r.say(rosa, "/ayuda", "")
	if n := r.srv.Unacked(); n != 1 || len(r.srv.BotMessages(rosa)) != 1 || isMenu(help) {
		t.Fatalf("after a failed commit and a help: %d unacked, %d messages (first %q); want 1 and only the help",
			n, len(r.srv.BotMessages(rosa)), help.Full())
	}
	if err := r.srv.Redeliver(id); err != nil {
		t.Fatal(err)
	}
	if m := r.srv.WaitMessage(t, rosa, 1, "Rosa", wait); !isMenu(m) {
		t.Errorf("the redelivered hola answered %q, want the menu", m.Full())
	}
	slacktest.WaitFor(t, "the retry acked", wait, func() bool { return r.srv.Unacked() == 0 })
}

// isMenu reports whether m is the menu of services.
func isMenu(m slacktest.Message) bool {
	l := m.Labels()
	return len(l) > 0 && l[0] == "Mantenimiento de equipo"
}

// TestCommandAndMention: /ctdesk and a mention in a channel open the menu
// in the person's DM; /ctdesk with words runs that command.
func TestCommandAndMention(t *testing.T) {
	r := socketRig(t, convtest.SQLite(t))
	r.srv.Slash(rosa, "C0GENERAL", "/ctdesk", "")
	menu := r.srv.WaitMessage(t, rosa, 0, "Rosa", wait)
	if len(menu.Labels()) < 5 {
		t.Errorf("/ctdesk answered %q %v, want the menu", menu.Full(), menu.Labels())
	}
	r.srv.Mention(beto, "C0GENERAL", "hola")
	if m := r.srv.WaitMessage(t, beto, 0, "Beto", wait); len(m.Labels()) < 5 {
		t.Errorf("mention answered %q %v, want the menu", m.Full(), m.Labels())
	}
	r.srv.Slash(rosa, "", "/ctdesk", "mis_solicitudes")
	r.srv.WaitMessage(t, rosa, 1, "", wait)
}
