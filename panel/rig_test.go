package panel_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ctdesk/bot"
	"ctdesk/bot/bottest"
	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/panel"
	"ctdesk/storage"
)

// chrome is the one headless Chromium of the package's tests; nil when
// this machine has none (./scripts/test installs Debian's chromium).
var chrome context.Context

func TestMain(m *testing.M) {
	stop := startBrowser()
	code := m.Run()
	stop()
	os.Exit(code)
}

// startBrowser starts Chromium with a fresh profile and no background
// traffic (this machine's closed network refuses it).
func startBrowser() (stop func()) {
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		return func() {}
	}
	dir, err := os.MkdirTemp("", "ctdesk-chromium-")
	if err != nil {
		panic(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true), chromedp.UserDataDir(dir),
		chromedp.WindowSize(1280, 900))
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		panic(fmt.Sprintf("start chromium: %v", err))
	}
	chrome = ctx
	return func() {
		cancel()
		cancelAlloc()
		os.RemoveAll(dir)
	}
}

// tab opens a tab with its own cookies (a browser context of its own).
func tab(t *testing.T) context.Context {
	t.Helper()
	if chrome == nil {
		t.Skip("no Chromium here: install Debian's chromium (./scripts/test does)")
	}
	ctx, cancel := chromedp.NewContext(chrome, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTime := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTime)
	return ctx
}

// The example people's Telegram accounts (convtest.People).
var (
	ana  = telegramtest.User{ID: 1001, FirstName: "Ana", LastName: "López", LanguageCode: "es"}
	beto = telegramtest.User{ID: 1002, FirstName: "Beto", LastName: "Ruiz", LanguageCode: "es"}
	luis = telegramtest.User{ID: 2001, FirstName: "Luis", LastName: "Pérez", LanguageCode: "es"}
	rosa = telegramtest.User{ID: 2002, FirstName: "Rosa", LastName: "Díaz", LanguageCode: "es"}
)

// rig is ctdesk as `ctdesk serve` runs it with Telegram: the engine over a
// real store, the Telegram adapter against the fake Bot API, the outbox,
// and the panel on a loopback listener.
type rig struct {
	t     *testing.T
	st    storage.Store
	eng   *conversations.Engine
	tg    *telegramtest.Server
	clock *convtest.Clock
	base  string // http://127.0.0.1:port
}

func newRig(t *testing.T, open convtest.Opener) *rig {
	t.Helper()
	st := open(t)
	convtest.Seed(t, st)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &rig{t: t, st: st, tg: telegramtest.New(t, telegramtest.WithoutLimits()), clock: convtest.NewClock(time.Now()), base: "http://" + ln.Addr().String()}
	r.eng, err = conversations.New(conversations.Config{
		Institution: "Universidad Politécnica de Ejemplo", Location: convtest.Location(), Now: r.clock.Now,
		Password: func() string { return bottest.Password }, PanelURL: r.base + panel.Prefix,
	}, st, conversations.DefaultServices()...)
	if err != nil {
		t.Fatal(err)
	}
	p, err := panel.New(panel.Config{Engine: r.eng, Store: st, PublicURL: r.base, Institution: "Universidad Politécnica de Ejemplo",
		SignInRate: 30})
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	ad, err := telegram.New(context.Background(), telegram.Config{Token: r.tg.Token(), Endpoint: r.tg.Endpoint(),
		HTTPClient: r.tg.Client(), PollTimeout: time.Second, NoFloodLimits: true})
	if err != nil {
		t.Fatal(err)
	}
	var disp *bot.Dispatcher
	in := bot.NewIntake(r.eng, func() { disp.Wake() })
	disp = bottest.Dispatcher(st, r.eng, bot.DispatcherConfig{}, ad)
	bottest.Run(t, func(ctx context.Context) { _ = ad.Run(ctx, in) }, func(ctx context.Context) { _ = disp.Run(ctx) })
	return r
}

// say makes u write text in Telegram and waits for the bot's answer
// containing want.
func (r *rig) say(u telegramtest.User, text, want string) telegramtest.Message {
	r.t.Helper()
	after := r.tg.LastMessageID(u.ID)
	r.tg.SendText(u, text)
	return r.waitChat(u.ID, after, want)
}

// waitChat waits for a bot message in chat, newer than after, containing want.
func (r *rig) waitChat(chat int64, after int, want string) telegramtest.Message {
	r.t.Helper()
	var found telegramtest.Message
	ok := false
	deadline := time.Now().Add(bottest.Wait)
	for !ok && time.Now().Before(deadline) {
		for _, m := range r.tg.BotMessages(chat) {
			if (m.ID > after || m.Edited) && strings.Contains(m.Text+m.Caption, want) {
				found, ok = m, true
			}
		}
		if !ok {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if !ok {
		var texts []string
		for _, m := range r.tg.BotMessages(chat) {
			texts = append(texts, m.Text)
		}
		r.t.Fatalf("chat %d: no message containing %q after #%d; messages: %q", chat, want, after, texts)
	}
	return found
}

var linkPattern = regexp.MustCompile(`https?://\S+/panel/entrar\?\S+`)

// link asks the bot for a panel link in u's chat.
func (r *rig) link(u telegramtest.User) string {
	r.t.Helper()
	m := r.say(u, "/panel", "/panel/entrar?")
	link := linkPattern.FindString(m.Text)
	if link == "" {
		r.t.Fatalf("no link in %q", m.Text)
	}
	return link
}

// handle sends an event to the engine as a person writing in chat.
func (r *rig) handle(person, text string) conversations.Result {
	r.t.Helper()
	res, err := r.eng.Handle(context.Background(), conversations.Event{ID: fmt.Sprintf("t-%d", time.Now().UnixNano()), Person: person, Text: text})
	if err != nil {
		r.t.Fatalf("%s says %q: %v", person, text, err)
	}
	return res
}

// request has a person ask for a printer's maintenance in chat, as typed,
// and returns the new folio.
func (r *rig) request(person, serial, fault string) string {
	r.t.Helper()
	for _, line := range []string{"/nueva", "Mantenimiento de equipo", "2", serial, "Oficina 3 de Finanzas", fault, "1", "Omitir"} {
		r.handle(person, line)
	}
	res, err := r.eng.Handle(context.Background(), conversations.Event{ID: fmt.Sprintf("t-%d", time.Now().UnixNano()), Person: person, Button: "c:send"})
	if err != nil {
		r.t.Fatal(err)
	}
	for _, m := range res.Messages {
		if f := regexp.MustCompile(`CT-\d{4}-\d{4}`).FindString(m.Text); f != "" {
			return f
		}
	}
	r.t.Fatalf("no folio in the answers to %s's request: %+v", person, res.Messages)
	return ""
}

// signIn opens a link in the tab and presses «Entrar»; the queue shows.
func signIn(t *testing.T, ctx context.Context, link string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(link), chromedp.Click(chromedp.CSS("#entrar")), chromedp.WaitVisible(chromedp.CSS("#total")))
}

// run runs browser actions, failing the test on error.
func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("browser: %v", err)
	}
}

// text returns the text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("browser: text of %s: %v", sel, err)
	}
	return s
}
