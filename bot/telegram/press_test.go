package telegram_test

import (
	"strings"
	"testing"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
)

// TestDoubleTapAndForeignPress: luis taps Aprobar twice before the bot
// answers and rosa presses his button too: one approval, every press
// answered, the refusal shown as an alert, and the approval message loses
// its buttons.
func TestDoubleTapAndForeignPress(t *testing.T) {
	srv := telegramtest.New(t)
	r := newRig(t, srv, convtest.SQLite(t), telegram.Config{})
	r.start()
	correoAlta(r)
	msg, data := r.button(luis.ID, "Aprobar")
	srv.Press(rosa, msg, data)
	srv.Press(luis, msg, data)
	srv.Press(luis, msg, data)
	telegramtest.WaitFor(t, func() bool { return len(srv.Answers()) >= 7 }, wait)
	r.waitAfter(rosa.ID, 0, "dio su visto bueno")
	r.idle()

	tk := onlyTicket(t, r.st)
	if len(tk.Approvals) != 1 || !tk.Approvals[0].Approved {
		t.Errorf("approvals = %+v, want one", tk.Approvals)
	}
	if n := count(srv, rosa.ID, "dio su visto bueno"); n != 1 {
		t.Errorf("rosa was told of the approval %d times, want once", n)
	}
	var foreign, second bool
	for _, a := range srv.Answers() {
		if a.MessageID != msg.ID || a.ChatID != luis.ID {
			continue
		}
		if strings.Contains(a.Text, "No puedes") {
			foreign = true
			if !a.ShowAlert {
				t.Errorf("the refusal %q is a toast, want an alert", a.Text)
			}
		}
		if strings.Contains(a.Text, "ya avanzó") || strings.Contains(a.Text, "ya no") {
			second = true
		}
	}
	if !foreign || !second {
		t.Errorf("answers to the presses on luis's message: refusal %v, stale %v; answers %+v", foreign, second, srv.Answers())
	}
	for _, m := range srv.BotMessages(luis.ID) {
		if m.ID == msg.ID && m.HasButtons() {
			t.Errorf("the approval request still shows buttons after the decision: %q", m.Text)
		}
	}
	r.clean()
}
