package telegramtest_test

import (
	"crypto/subtle"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

type receiver struct {
	mu      sync.Mutex
	secrets []string
	updates []tgbotapi.Update
	fail    int // answer 500 this many times first
}

func (rc *receiver) ServeHTTP(bot *tgbotapi.BotAPI) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		defer rc.mu.Unlock()
		secret := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		rc.secrets = append(rc.secrets, secret)
		if subtle.ConstantTimeCompare([]byte(secret), []byte("s3cr3t_-X")) != 1 {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		if rc.fail > 0 {
			rc.fail--
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		u, err := bot.HandleUpdate(r)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		rc.updates = append(rc.updates, *u)
	}
}

func (rc *receiver) got() ([]tgbotapi.Update, []string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]tgbotapi.Update(nil), rc.updates...), append([]string(nil), rc.secrets...)
}

func TestWebhookDeliveryWithSecret(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithWebhookRetry(5, 20*time.Millisecond, 2*time.Second))
	bot := newBot(t, srv)
	rc := &receiver{fail: 2}
	hook := httptest.NewServer(rc.ServeHTTP(bot))
	defer hook.Close()

	pending := srv.SendText(ana, "antes del webhook")
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL + "/tg", "secret_token": "s3cr3t_-X"}); err != nil {
		t.Fatalf("setWebhook: %v", err)
	}
	w, ok := srv.Webhook()
	if !ok || w.URL != hook.URL+"/tg" || w.SecretToken != "s3cr3t_-X" || w.DropPendingUpdates {
		t.Fatalf("webhook %+v", w)
	}
	next := srv.SendText(beto, "después")
	telegramtest.WaitFor(t, func() bool { u, _ := rc.got(); return len(u) == 2 && srv.Pending() == 0 }, 5*time.Second)
	ups, secrets := rc.got()
	if ups[0].UpdateID != pending || ups[1].UpdateID != next || ups[1].Message.Text != "después" {
		t.Fatalf("delivered %v", ids(ups))
	}
	if len(secrets) != 4 || secrets[0] != "s3cr3t_-X" {
		t.Fatalf("two 500s are retried: %q", secrets)
	}
	if w, _ := srv.Webhook(); w.Failures != 2 || w.Deliveries != 2 || srv.Pending() != 0 {
		t.Fatalf("webhook %+v pending %d", w, srv.Pending())
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != hook.URL+"/tg" || info.LastErrorMessage == "" || info.PendingUpdateCount != 0 {
		t.Fatalf("info %+v %v", info, err)
	}

	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	if e := apiError(t, err); e.Code != 409 || !strings.Contains(e.Message, "webhook is active") {
		t.Fatalf("getUpdates with a webhook: %+v", e)
	}

	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL, "secret_token": "no spaces"}); err == nil {
		t.Fatal("secret with a space accepted")
	}
	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{DropPendingUpdates: true}); err != nil {
		t.Fatal(err)
	}
	id := srv.SendText(ana, "otra vez por polling")
	if got, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil || !equalInts(ids(got), []int{id}) {
		t.Fatalf("after deleteWebhook: %v %v", ids(got), err)
	}
}

func TestWebhookGivesUpAfterRetries(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithWebhookRetry(3, 5*time.Millisecond, time.Second))
	bot := newBot(t, srv)
	rc := &receiver{}
	hook := httptest.NewServer(rc.ServeHTTP(bot))
	defer hook.Close()
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL, "secret_token": "wrong"}); err != nil {
		t.Fatal(err)
	}
	srv.SendText(ana, "x")
	telegramtest.WaitFor(t, func() bool { w, _ := srv.Webhook(); return w.Dropped == 1 }, 5*time.Second)
	if ups, secrets := rc.got(); len(ups) != 0 || len(secrets) != 3 {
		t.Fatalf("delivered %d, attempts %d", len(ups), len(secrets))
	}
}
