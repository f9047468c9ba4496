package staff

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"ctdesk/conversations/chat"
	"ctdesk/conversations/policy"
	"ctdesk/conversations/texts"
	"ctdesk/lib/calendar"
	"ctdesk/storage"
)

// Delivery records that the report DP-RG.02 of a quarter was handed in.
type Delivery struct {
	By string    `json:"by"`
	At time.Time `json:"at"`
}

// deliveryKey is the Values key of a quarter's delivery.
func deliveryKey(q calendar.Quarter) string { return "dprg02:delivered:" + q.Key() }

// ReportDelivered returns the delivery of the quarter's report, and false
// when the coordinator has not marked it delivered yet.
func ReportDelivered(ctx context.Context, v storage.Values, q calendar.Quarter) (Delivery, bool, error) {
	return readValue[Delivery](ctx, v, deliveryKey(q), "delivery of "+q.String())
}

// DeliveredButton is the button that marks a quarter's report delivered.
func DeliveredButton(lang string, q calendar.Quarter) chat.Button {
	return chat.Button{Label: texts.Text(lang, "report.mark"), Code: chat.Code(chat.KindDelivered, q.Key())}
}

// Delivered answers /entregado [3T-2026], or its button: it records that the
// coordinator handed in a quarter's report. The mark stops the reminders,
// and the bitácora keeps who and when. Coordinator only.
func Delivered(ctx context.Context, env Env, req Request) (Answer, error) {
	q, no := quarterAsked(env, req, "entregado")
	if no != nil {
		return *no, nil
	}
	loc := env.Location
	if !req.Now.After(q.LastDay(loc)) {
		return Answer{Text: texts.Text(req.Lang, "report.notended", q.Name())}, nil
	}
	prior, done, err := ReportDelivered(ctx, env.Store, q)
	if err != nil {
		return Answer{}, err
	}
	// A retry of this same event (a lost commit race) finds its own mark.
	if done && !(prior.By == req.Who.ID && prior.At.Equal(req.Now)) {
		return Answer{Text: texts.Text(req.Lang, "report.already", q.Name(), env.Name(prior.By), day(prior.At, loc))}, nil
	}
	raw, _ := json.Marshal(Delivery{By: req.Who.ID, At: req.Now})
	if err := env.Store.SetValue(ctx, deliveryKey(q), raw, 0); err != nil {
		return Answer{}, fmt.Errorf("staff: delivery of %s: %w", q, err)
	}
	due := env.Calendar.ReportDue(q)
	key := "report.delivered"
	if startOfDay(req.Now, loc).After(due) {
		key = "report.delivered.late"
	}
	a := Answer{
		Text:   texts.Text(req.Lang, key, q.Name(), day(req.Now, loc), due.Format(calendar.Layout)),
		Action: "informe_entregado",
		Detail: fmt.Sprintf("Informe Trimestral DP-RG.02 %s (%s) entregado el %s; fecha límite %s",
			q, q.Name(), day(req.Now, loc), due.Format(calendar.Layout)),
	}
	if req.Pressed {
		a.Edit, a.Notice = true, texts.Text(req.Lang, "report.marked")
	}
	return a, nil
}

// quarterAsked checks that the coordinator asks, and reads the quarter
// named in a command (default: the one whose report is being prepared);
// otherwise it returns the answer to give instead.
func quarterAsked(env Env, req Request, command string) (calendar.Quarter, *Answer) {
	if !policy.MayUse(policy.Report, req.Who) {
		a := refused(req.Lang, command, "staff.forbidden")
		return calendar.Quarter{}, &a
	}
	if req.Arg == "" {
		return reportQuarter(env, req.Now), nil
	}
	q, err := calendar.ParseQuarter(req.Arg)
	if err != nil {
		return calendar.Quarter{}, &Answer{Text: texts.Text(req.Lang, "report.quarter.invalid", req.Arg)}
	}
	return q, nil
}

// reportQuarter is the quarter whose report is being prepared at now: the
// one that ended, until its report is due, else the current one.
func reportQuarter(env Env, now time.Time) calendar.Quarter {
	cur := calendar.QuarterOf(now.In(env.Location))
	prev := cur.Prev()
	if !now.After(env.Calendar.ReportDue(prev).AddDate(0, 0, 1)) {
		return prev
	}
	return cur
}
