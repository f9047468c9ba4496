package slack_test

import (
	"context"
	"testing"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	ctslack "ctdesk/bot/slack"
	"ctdesk/bot/slack/slacktest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// Slack accounts given to the example people in these tests.
const (
	rosa = "U0ROSA"
	luis = "U0LUIS"
	beto = "U0BETO"
	ana  = "U01ANA" // convtest's
)

const wait = bottest.Wait

// rig is ctdesk's Slack side over the fake Slack and a real store.
type rig struct {
	t      testing.TB
	srv    *slacktest.Server
	st     storage.Store
	eng    *conversations.Engine
	ad     *ctslack.Adapter
	disp   *bot.Dispatcher
	intake *bot.Intake
	stop   func()
}

// seedSlack links the example people to Slack accounts.
func seedSlack(tb testing.TB, st storage.Store, srv *slacktest.Server) {
	tb.Helper()
	ctx := context.Background()
	convtest.Seed(tb, st)
	for id, acct := range map[string]string{"rosa": rosa, "luis": luis, "beto": beto, "ana": ana} {
		p, err := st.Person(ctx, id)
		if err != nil {
			tb.Fatal(err)
		}
		p.Accounts["slack"] = acct
		if err := st.PutPerson(ctx, p); err != nil {
			tb.Fatal(err)
		}
		srv.AddUser(acct, p.Name)
	}
}

// newRig wires adapter, intake and dispatcher to srv over st (already
// seeded), with extra senders (other platforms) after Slack in routing.
func newRig(tb testing.TB, srv *slacktest.Server, st storage.Store, cfg ctslack.Config, others ...bot.Sender) *rig {
	tb.Helper()
	r := &rig{t: tb, srv: srv, st: st, eng: bottest.Engine(tb, st)}
	r.intake = bot.NewIntake(bot.NewLastPlatform(r.eng, st, nil), func() { r.disp.Wake() })
	cfg.BotToken, cfg.APIURL = srv.BotToken(), srv.APIURL()
	if cfg.ChatRate == 0 {
		cfg.ChatRate, cfg.ChatBurst = 50, 50
	}
	ad, err := ctslack.New(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("slack.New: %v", err)
	}
	r.ad = ad
	r.disp = bottest.Dispatcher(st, r.eng, bot.DispatcherConfig{}, append([]bot.Sender{ad}, others...)...)
	return r
}

// start runs the adapter and the dispatcher until the test ends.
func (r *rig) start() {
	r.stop = bottest.Run(r.t,
		func(ctx context.Context) { _ = r.ad.Run(ctx, r.intake) },
		func(ctx context.Context) { _ = r.disp.Run(ctx) })
}

// say makes user write text and waits for a new bot message containing want.
func (r *rig) say(user, text, want string) slacktest.Message {
	r.t.Helper()
	n := len(r.srv.BotMessages(user))
	r.srv.Say(user, text)
	return r.srv.WaitMessage(r.t, user, n, want, wait)
}

// press makes user press label on the newest bot message of theirs that
// shows it, and waits for a new bot message containing want in user's DM
// ("" waits for nothing).
func (r *rig) press(user, label, want string) slacktest.Message {
	r.t.Helper()
	m := r.button(user, label)
	n := len(r.srv.BotMessages(user))
	if _, err := r.srv.Press(user, m, label); err != nil {
		r.t.Fatal(err)
	}
	if want == "" {
		return m
	}
	return r.srv.WaitMessage(r.t, user, n, want, wait)
}

// button waits for a bot message to user with a button labelled label.
func (r *rig) button(user, label string) slacktest.Message {
	r.t.Helper()
	var found slacktest.Message
	slacktest.WaitFor(r.t, user+"'s button "+label, wait, func() bool {
		msgs := r.srv.BotMessages(user)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, l := range msgs[i].Labels() {
				if l == label {
					found = msgs[i]
					return true
				}
			}
		}
		return false
	})
	return found
}

// ticket waits for the only ticket to reach a status and returns it.
func (r *rig) ticket(status string) storage.Ticket {
	r.t.Helper()
	var tk storage.Ticket
	slacktest.WaitFor(r.t, "a ticket "+status, wait, func() bool {
		ts, err := r.st.Tickets(context.Background(), storage.TicketFilter{})
		if err != nil || len(ts) != 1 {
			return false
		}
		tk = ts[0]
		return tk.Status == status
	})
	return tk
}
