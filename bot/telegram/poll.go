package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
)

// maxTries is how often one update is tried before it is given up as
// poison (with an error in the log), so that it cannot stop the bot.
const maxTries = 10

// allowed are the update kinds the bot asks for.
var allowed = []string{"message", "callback_query"}

// Run receives updates until ctx is done and hands each to h; wake (may be
// nil) is called after an update produced messages, so the dispatcher
// looks at the outbox. With a WebhookURL it registers the webhook (served
// by WebhookHandler) and waits; otherwise it long-polls getUpdates itself.
func (a *Adapter) Run(ctx context.Context, h Handler, wake func()) error {
	if a.cfg.WebhookURL != "" {
		if err := a.SetWebhook(ctx); err != nil {
			return err
		}
		<-ctx.Done()
		return nil
	}
	if _, err := a.request(ctx, "deleteWebhook", tgbotapi.DeleteWebhookConfig{}); err != nil && ctx.Err() == nil {
		a.log.Warn("delete webhook", "err", err)
	}
	return a.poll(ctx, h, wake)
}

// emptyPollPause spaces polls that come back empty without waiting.
const emptyPollPause = 250 * time.Millisecond

// poll is our own getUpdates loop: a batch is confirmed (the offset moves
// past it) only once every update in it was handled, so a crash loses
// nothing; what was handled before the crash comes back and is recognised
// by the engine as a duplicate.
func (a *Adapter) poll(ctx context.Context, h Handler, wake func()) error {
	offset, fails := 0, 0
	tries := map[int]int{}
	for ctx.Err() == nil {
		asked := time.Now()
		ups, err := a.getUpdates(ctx, offset, int(a.cfg.PollTimeout/time.Second))
		if err == nil && len(ups) == 0 && time.Since(asked) < a.cfg.PollTimeout/2 {
			// A server that answers at once instead of holding the long
			// poll (a proxy, an emulator) must not be hammered.
			bot.Sleep(ctx, emptyPollPause)
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			fails++
			wait := pause(fails)
			var ra *bot.RetryAfterError
			if errors.As(classify(err), &ra) {
				wait = ra.After
			}
			a.log.Warn("getUpdates", "err", err, "retry_in", wait)
			bot.Sleep(ctx, wait)
			continue
		}
		next, ok := a.batch(ctx, h, wake, ups, tries)
		if next > offset {
			offset = next
		}
		if ok {
			fails = 0
			continue
		}
		if ctx.Err() == nil {
			fails++
			bot.Sleep(ctx, pause(fails))
		}
	}
	a.confirmAtExit(offset)
	return nil
}

// confirmAtExit tells Telegram what was handled before a shutdown, so the
// next start does not see it again.
func (a *Adapter) confirmAtExit(offset int) {
	if offset == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, _ = a.getUpdates(ctx, offset, 0)
}

func (a *Adapter) getUpdates(ctx context.Context, offset, timeout int) ([]tgbotapi.Update, error) {
	resp, err := a.request(ctx, "getUpdates", tgbotapi.UpdateConfig{Offset: offset, Limit: 100, Timeout: timeout, AllowedUpdates: allowed})
	if err != nil {
		return nil, err
	}
	var ups []tgbotapi.Update
	if err := json.Unmarshal(resp.Result, &ups); err != nil {
		return nil, err
	}
	return ups, nil
}

// batch handles a batch of updates, one goroutine per person (their
// updates in order), and returns the offset that confirms what was
// handled: the id of the first update not handled, or past the last one.
func (a *Adapter) batch(ctx context.Context, h Handler, wake func(), ups []tgbotapi.Update, tries map[int]int) (int, bool) {
	if len(ups) == 0 {
		return 0, true
	}
	groups := map[string][]int{}
	var order []string
	for i, u := range ups {
		k := sender(u)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	handled := make([]bool, len(ups))
	var wg sync.WaitGroup
	for _, k := range order {
		wg.Add(1)
		go func(idx []int) {
			defer wg.Done()
			for _, i := range idx {
				if ctx.Err() != nil {
					return
				}
				if err := a.handle(ctx, h, wake, ups[i]); err != nil {
					if ctx.Err() != nil {
						return
					}
					a.log.Error("handle update", "update_id", ups[i].UpdateID, "err", err)
					return // later updates of this person wait for it
				}
				handled[i] = true
			}
		}(groups[k])
	}
	wg.Wait()
	for i, u := range ups {
		if handled[i] {
			delete(tries, u.UpdateID)
			continue
		}
		if ctx.Err() == nil {
			if tries[u.UpdateID]++; tries[u.UpdateID] >= maxTries {
				a.log.Error("update given up after retries", "update_id", u.UpdateID, "tries", maxTries)
				delete(tries, u.UpdateID)
				continue
			}
		}
		return u.UpdateID, false
	}
	return ups[len(ups)-1].UpdateID + 1, true
}

// sender keys an update by the user who caused it.
func sender(u tgbotapi.Update) string {
	switch {
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		return strconv.FormatInt(u.CallbackQuery.From.ID, 10)
	case u.Message != nil && u.Message.From != nil:
		return strconv.FormatInt(u.Message.From.ID, 10)
	}
	return "update:" + strconv.Itoa(u.UpdateID)
}

// handle translates one update, applies it and answers a button press.
func (a *Adapter) handle(ctx context.Context, h Handler, wake func(), u tgbotapi.Update) error {
	in, err := a.translate(ctx, u)
	if err != nil {
		return err
	}
	if in.skip {
		if in.query != "" {
			a.answer(ctx, in.query, "")
		}
		return nil
	}
	res, err := h.Handle(ctx, in.ev)
	if err != nil {
		return err
	}
	// A duplicate was answered when it was first handled; answering again
	// would be refused.
	if in.query != "" && !res.Duplicate {
		a.answer(ctx, in.query, res.Notice)
	}
	if len(res.Messages) > 0 && wake != nil {
		wake()
	}
	return nil
}

// alertLen is the length from which a notice is shown as an alert the user
// must dismiss (refusals and "this moved on" explanations) instead of a toast.
const alertLen = 60

// answer stops the client's spinner on a pressed button.
func (a *Adapter) answer(ctx context.Context, query, notice string) {
	c := tgbotapi.CallbackConfig{CallbackQueryID: query}
	if notice != "" {
		c.Text, _ = cutUnits(notice, 200)
		c.ShowAlert = len([]rune(notice)) > alertLen
	}
	if _, err := a.request(ctx, "answerCallbackQuery", c); err != nil {
		a.log.Warn("answer button press", "err", err)
	}
}

// pause grows from 1 s to 30 s.
func pause(fails int) time.Duration {
	return min(time.Second<<min(fails-1, 5), 30*time.Second)
}
