package slack

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"ctdesk/bot"
)

// Webhooks serve Slack's HTTP requests when a signing secret is configured:
// POST /slack/events (with the url_verification handshake),
// /slack/interactivity and /slack/commands. Every request's v0 signature is
// checked (constant time, 5-minute window) before anything is read from it;
// a bad, stale or missing one gets 401 and changes nothing. Slack's retries
// and replays carry the same event and are applied once by the engine.
func (a *Adapter) Webhooks(in *bot.Intake) map[string]http.Handler {
	if a.cfg.SigningSecret == "" {
		return nil
	}
	return map[string]http.Handler{
		"POST /slack/events": http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			a.serveEvents(w, r, in)
		}),
		"POST /slack/interactivity": a.webhook(in, a.readInteraction),
		"POST /slack/commands":      a.webhook(in, a.readCommand),
	}
}

// webhook serves a form-encoded request: its signature is checked, read
// turns its body into an update (ok false for what the bot ignores, an
// error for a body it cannot read) and the update goes to in.
func (a *Adapter) webhook(in *bot.Intake, read func(form url.Values) (bot.Update, bool, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := a.verified(w, r)
		if !ok {
			return
		}
		form, err := url.ParseQuery(string(body))
		var u bot.Update
		if err == nil {
			u, ok, err = read(form)
		}
		if err != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		a.answer(w, r, in, u, ok)
	})
}

// verified reads the body and checks its signature; it answers the request
// itself and returns false when the request is refused.
func (a *Adapter) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if a.cfg.SigningSecret == "" {
		http.Error(w, "HTTP mode is not configured", http.StatusNotFound)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	case err != nil:
		http.Error(w, "cannot read request", http.StatusBadRequest)
		return nil, false
	}
	sv, err := slack.NewSecretsVerifier(r.Header, a.cfg.SigningSecret)
	if err == nil {
		_, _ = sv.Write(body)
		err = sv.Ensure()
	}
	if err != nil {
		a.log.Warn("refused request", "path", r.URL.Path, "remote", r.RemoteAddr, "err", err)
		http.Error(w, "invalid signature", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}

func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request, in *bot.Intake) {
	body, ok := a.verified(w, r)
	if !ok {
		return
	}
	e, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		a.log.Debug("event not understood", "err", err)
		w.WriteHeader(http.StatusOK) // nothing for us; don't make Slack retry
		return
	}
	if e.Type == slackevents.URLVerification {
		v, ok := e.Data.(*slackevents.EventsAPIURLVerificationEvent)
		if !ok {
			http.Error(w, "bad url_verification", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, v.Challenge)
		return
	}
	u, ok := a.fromEventsAPI(e)
	a.answer(w, r, in, u, ok)
}

// readInteraction reads a button press.
func (a *Adapter) readInteraction(form url.Values) (bot.Update, bool, error) {
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		return bot.Update{}, false, err
	}
	u, ok := a.fromInteraction(cb)
	return u, ok, nil
}

// readCommand reads a slash command.
func (a *Adapter) readCommand(form url.Values) (bot.Update, bool, error) {
	u, ok := a.fromCommand(slack.SlashCommand{UserID: form.Get("user_id"), ChannelID: form.Get("channel_id"),
		Command: form.Get("command"), Text: form.Get("text"), TriggerID: form.Get("trigger_id")})
	return u, ok, nil
}

// answer handles a request within the ack budget and answers Slack: 200
// once the event is committed (or when the budget runs out while the work
// continues); 500 when it failed at once, so that Slack retries.
func (a *Adapter) answer(w http.ResponseWriter, r *http.Request, in *bot.Intake, u bot.Update, ok bool) {
	if !ok {
		w.WriteHeader(http.StatusOK)
		return
	}
	if retry := r.Header.Get("X-Slack-Retry-Num"); retry != "" {
		a.log.Info("slack retry", "id", u.ID, "retry_num", retry)
	}
	done := a.submit(r.Context(), in, u)
	if a.await(done) == failed {
		http.Error(w, "not applied, try again", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
