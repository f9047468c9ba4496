package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot"
)

// secretHeader carries the webhook's secret_token on every request.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateBody bounds a webhook request; updates are a few kilobytes.
const maxUpdateBody = 1 << 20

// SetWebhook registers WebhookURL with its secret_token (the library's
// WebhookConfig has no field for it).
func (a *Adapter) SetWebhook(ctx context.Context) error {
	allowedJSON, _ := json.Marshal(allowed)
	params := tgbotapi.Params{"url": a.cfg.WebhookURL, "secret_token": a.cfg.WebhookSecret,
		"allowed_updates": string(allowedJSON), "max_connections": strconv.Itoa(40)}
	if _, err := a.with(ctx).MakeRequest("setWebhook", params); err != nil {
		return a.wrap("setWebhook", err)
	}
	return nil
}

// webhookPath is the path of WebhookURL, where Webhooks serves it.
func (a *Adapter) webhookPath() string {
	u, err := url.Parse(a.cfg.WebhookURL)
	if err != nil || u.Path == "" {
		return "/telegram"
	}
	return u.Path
}

// Webhooks serves Telegram's webhook requests at the path of WebhookURL,
// when one is configured: a request without the right secret is refused
// with 401 and changes nothing, a body over maxUpdateBody with 413 and one
// that is no update with 400; an update is answered 200 only once it was
// handled (committed), so Telegram delivers it again after a failure.
func (a *Adapter) Webhooks(in *bot.Intake) map[string]http.Handler {
	if a.cfg.WebhookURL == "" {
		return nil
	}
	return map[string]http.Handler{"POST " + a.webhookPath(): a.webhook(in)}
}

// webhook is the handler of Webhooks.
func (a *Adapter) webhook(in *bot.Intake) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get(secretHeader)
		if a.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(a.cfg.WebhookSecret)) != 1 {
			a.log.Warn("webhook request refused", "remote", r.RemoteAddr)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUpdateBody)
		var u tgbotapi.Update
		err := json.NewDecoder(r.Body).Decode(&u)
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			a.log.Warn("webhook request too large", "remote", r.RemoteAddr, "limit", tooBig.Limit)
			http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
			return
		case err != nil:
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := in.Apply(r.Context(), a.update(u)); err != nil {
			a.log.Error("handle update", "update_id", u.UpdateID, "err", err)
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
