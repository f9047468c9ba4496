package conversations

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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
func deliveryKey(q calendar.Quarter) string { return "dprg02:delivered:" + q.String() }

// ReportDelivered returns the delivery of the quarter's report, and false
// when the coordinator has not marked it delivered yet.
func ReportDelivered(ctx context.Context, v storage.Values, q calendar.Quarter) (Delivery, bool, error) {
	raw, err := v.Value(ctx, deliveryKey(q))
	if errors.Is(err, storage.ErrNotFound) {
		return Delivery{}, false, nil
	}
	if err != nil {
		return Delivery{}, false, fmt.Errorf("conversations: delivery of %s: %w", q, err)
	}
	var d Delivery
	if err := json.Unmarshal(raw, &d); err != nil {
		return Delivery{}, false, fmt.Errorf("conversations: delivery of %s: %w", q, err)
	}
	return d, true, nil
}

// DeliveredButton is the button that marks a quarter's report delivered.
func DeliveredButton(lang string, q calendar.Quarter) Button {
	return Button{Label: texts.Text(lang, "report.mark"), Code: "k:" + q.String()}
}

// reportQuarter is the quarter whose report is being prepared at now: the
// one that ended, until its report is due, else the current one.
func (t *turn) reportQuarter() calendar.Quarter {
	loc := t.e.cfg.Location
	cur := calendar.QuarterOf(t.now.In(loc))
	prev := cur.Prev()
	if !t.now.After(t.e.cfg.Calendar.ReportDue(prev).AddDate(0, 0, 1)) {
		return prev
	}
	return cur
}

// markDelivered records that the coordinator handed in a quarter's report:
// the mark stops the reminders, and the bitácora keeps who and when.
// pressed is the alert whose button was used, if any.
func (t *turn) markDelivered(ctx context.Context, arg, pressed string) error {
	q, ok, err := t.coordinatorQuarter(ctx, "entregado", arg)
	if !ok {
		return err
	}
	if !t.now.After(q.LastDay(t.e.cfg.Location)) {
		t.reply(t.tr("report.notended", q.Name()))
		return nil
	}
	vals := t.e.st
	prior, done, err := ReportDelivered(ctx, vals, q)
	if err != nil {
		return err
	}
	// A retry of this same event (a lost commit race) finds its own mark.
	if done && !(prior.By == t.who.ID && prior.At.Equal(t.now)) {
		t.reply(t.tr("report.already", q.Name(), t.dir.Name(prior.By), prior.At.In(t.e.cfg.Location).Format(dateShown)))
		return nil
	}
	raw, _ := json.Marshal(Delivery{By: t.who.ID, At: t.now})
	if err := vals.SetValue(ctx, deliveryKey(q), raw, 0); err != nil {
		return fmt.Errorf("conversations: delivery of %s: %w", q, err)
	}
	loc := t.e.cfg.Location
	due := t.e.cfg.Calendar.ReportDue(q)
	key := "report.delivered"
	if midnight(t.now.In(loc)).After(due) {
		key = "report.delivered.late"
	}
	t.record("", "informe_entregado", fmt.Sprintf("Informe Trimestral DP-RG.02 %s (%s) entregado el %s; fecha límite %s",
		q, q.Name(), t.now.In(loc).Format(dateShown), due.Format(dateShown)))
	text := t.tr(key, q.Name(), t.now.In(loc).Format(dateShown), due.Format(dateShown))
	if pressed != "" {
		t.editPressed(pressed, text)
		t.notice = t.tr("report.marked")
		return nil
	}
	t.reply(text)
	return nil
}
