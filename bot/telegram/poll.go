package telegram

import (
	"context"
	"encoding/json"
	"errors"
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

// Run publishes the command menu and receives updates until ctx is done,
// submitting each to in. With a WebhookURL it registers the webhook (served
// by Webhooks) and waits; otherwise it long-polls getUpdates itself.
func (a *Adapter) Run(ctx context.Context, in *bot.Intake) error {
	var staff []string
	if a.cfg.StaffChats != nil {
		staff = a.cfg.StaffChats(ctx)
	}
	if err := a.SetCommands(ctx, staff...); err != nil && ctx.Err() == nil {
		a.log.Warn("telegram commands", "err", err)
	}
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
	return a.poll(ctx, in)
}

// emptyPollPause spaces polls that come back empty without waiting.
const emptyPollPause = 250 * time.Millisecond

// poll is our own getUpdates loop: a batch is confirmed (the offset moves
// past it) only once every update in it was handled, so a crash loses
// nothing; what was handled before the crash comes back and is recognised
// by the engine as a duplicate.
func (a *Adapter) poll(ctx context.Context, in *bot.Intake) error {
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
		next, ok := a.batch(ctx, in, ups, tries)
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

// batch hands a batch of updates to the intake and returns the offset that
// confirms what was handled: the id of the first update not handled, or
// past the last one.
func (a *Adapter) batch(ctx context.Context, in *bot.Intake, ups []tgbotapi.Update, tries map[int]int) (int, bool) {
	if len(ups) == 0 {
		return 0, true
	}
	handled := a.submit(ctx, in, ups)
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

// held is a person's part of a batch: once one of their updates fails, the
// later ones are not handled, so that none overtakes it.
type held struct {
	ctx  context.Context
	stop context.CancelFunc
}

// submit hands the updates to the intake, waits for them and reports which
// were handled.
func (a *Adapter) submit(ctx context.Context, in *bot.Intake, ups []tgbotapi.Update) []bool {
	handled := make([]bool, len(ups))
	people := map[string]*held{}
	var wg sync.WaitGroup
	for i, up := range ups {
		u := a.update(up)
		p := people[u.Key]
		if p == nil {
			p = &held{}
			p.ctx, p.stop = context.WithCancel(ctx)
			defer p.stop()
			people[u.Key] = p
		}
		wg.Add(1)
		u.Done = func(err error) {
			defer wg.Done()
			switch {
			case err == nil:
				handled[i] = true
			case p.ctx.Err() == nil:
				a.log.Error("handle update", "update_id", up.UpdateID, "err", err)
				p.stop() // the person's later updates wait for this one
			}
		}
		in.Submit(p.ctx, u)
	}
	wg.Wait()
	return handled
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
