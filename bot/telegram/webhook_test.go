package telegram_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations/convtest"
)

const update = `{"update_id":900000001,"message":{"message_id":1,"date":1767225600,
"chat":{"id":2002,"type":"private","first_name":"Rosa"},"from":{"id":2002,"is_bot":false,"first_name":"Rosa"},"text":"hola"}}`

// TestWebhook: with a missing or wrong secret the request is refused with
// 401 and nothing is processed; Telegram's own deliveries are handled.
func TestWebhook(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	mux := http.NewServeMux()
	hook := httptest.NewServer(mux)
	t.Cleanup(hook.Close)
	r := newRig(t, srv, st, telegram.Config{WebhookURL: hook.URL + "/hooks/telegram", WebhookSecret: "s3cr3t-Token_1"})
	for pattern, h := range r.ad.Webhooks(r.intake) {
		mux.Handle(pattern, h)
	}

	for name, secret := range map[string]string{"missing": "", "wrong": "s3cr3t-Token_2", "prefix": "s3cr3t"} {
		req, _ := http.NewRequest(http.MethodPost, hook.URL+"/hooks/telegram", strings.NewReader(update))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s secret: status %d, want 401", name, resp.StatusCode)
		}
	}
	if _, err := st.Dialog(context.Background(), "rosa"); err == nil {
		t.Errorf("a refused request changed rosa's dialog")
	}
	if n, _ := st.PendingOutbox(context.Background()); n != 0 {
		t.Errorf("a refused request queued %d messages", n)
	}

	r.start()
	telegramtest.WaitFor(t, func() bool { _, ok := srv.Webhook(); return ok }, wait)
	w, _ := srv.Webhook()
	if w.SecretToken != "s3cr3t-Token_1" || w.URL != hook.URL+"/hooks/telegram" {
		t.Errorf("webhook = %+v", w)
	}
	r.say(rosa, "hola", "¿Qué servicio necesitas")
	r.press(rosa, rosa.ID, "Cuenta de correo electrónico", "(1/6)")
	if len(srv.Answers()) != 1 {
		t.Errorf("answers = %d, want 1", len(srv.Answers()))
	}
	r.clean()
}

// TestCommands publishes the Spanish command menu, with /cola for staff,
// and the English one with English names.
func TestCommands(t *testing.T) {
	srv := telegramtest.New(t)
	r := newRig(t, srv, convtest.SQLite(t), telegram.Config{})
	if err := r.ad.SetCommands(context.Background(), "1001", "1002"); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range srv.Commands() {
		names = append(names, c.Command)
		if c.Description == "" || strings.HasPrefix(c.Description, "tg.") {
			t.Errorf("/%s has no description", c.Command)
		}
	}
	if got := strings.Join(names, " "); got != "start nueva mis_solicitudes ver cancelar ayuda" {
		t.Errorf("commands = %s", got)
	}
	var en []string
	for _, c := range srv.CommandsFor("default", "en") {
		en = append(en, c.Command)
	}
	if got := strings.Join(en, " "); got != "start new my_requests view cancel help" {
		t.Errorf("English commands = %s", got)
	}
	staff := srv.CommandsFor("chat:1001", "")
	if len(staff) != 11 || staff[6].Command != "cola" {
		t.Errorf("staff commands = %+v, want /cola among them", staff)
	}
	r.clean()
}

// TestWebhookBodyLimits: with the right secret, a body over the limit is
// answered 413 and one that is no update 400, and neither changes anything;
// the update that follows is served as the first.
func TestWebhookBodyLimits(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	mux := http.NewServeMux()
	hook := httptest.NewServer(mux)
	t.Cleanup(hook.Close)
	const secret = "s3cr3t-Token_1"
	r := newRig(t, srv, st, telegram.Config{WebhookURL: hook.URL + "/hooks/telegram", WebhookSecret: secret})
	for pattern, h := range r.ad.Webhooks(r.intake) {
		mux.Handle(pattern, h)
	}
	r.start()
	post := func(body string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, hook.URL+"/hooks/telegram", strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	huge := strings.NewReplacer(`"text":"hola"`, `"text":"`+strings.Repeat("a", 2<<20)+`"`, "900000001", "900000002").Replace(update)
	if code := post(huge); code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 2 MiB update: status %d, want 413", code)
	}
	if code := post(`{"update_id":`); code != http.StatusBadRequest {
		t.Errorf("a cut update: status %d, want 400", code)
	}
	if code := post(update); code != http.StatusOK {
		t.Fatalf("an update: status %d, want 200", code)
	}
	r.waitAfter(rosa.ID, 0, "¿Qué servicio necesitas")
	r.idle()
	if msgs := srv.BotMessages(rosa.ID); len(msgs) != 1 {
		t.Errorf("rosa got %d messages, want only the answer to her hola", len(msgs))
	}
}
