//go:build linux

package main

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
	"ctdesk/storage/leaktest"
	"ctdesk/storage/redisstore/redistest"
)

// balancer spreads the webhook requests over the replicas at random, as a
// load balancer would; pin sends them all to one replica meanwhile.
type balancer struct {
	replicas []*httputil.ReverseProxy

	mu   sync.Mutex
	rng  *rand.Rand
	pin  int   // the replica that takes every request, or -1
	took []int // requests taken, by replica
}

func newBalancer(t *testing.T, addrs ...string) *balancer {
	b := &balancer{rng: rand.New(rand.NewPCG(11, 7)), pin: -1, took: make([]int, len(addrs))}
	for _, a := range addrs {
		u, err := url.Parse("http://" + a)
		if err != nil {
			t.Fatal(err)
		}
		b.replicas = append(b.replicas, httputil.NewSingleHostReverseProxy(u))
	}
	return b
}

func (b *balancer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	i := b.pin
	if i < 0 {
		i = b.rng.IntN(len(b.replicas))
	}
	b.took[i]++
	b.mu.Unlock()
	b.replicas[i].ServeHTTP(w, r)
}

// route pins the requests to replica i (-1: at random again).
func (b *balancer) route(i int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pin = i
}

var (
	luisUser = telegramtest.User{ID: crashrig.LuisChat, FirstName: "Luis", LastName: "Pérez", LanguageCode: "es"}
	betoUser = telegramtest.User{ID: 1002, FirstName: "Beto", LastName: "Ruiz", LanguageCode: "es"}
)

// TestTwoReplicasCorreoAlta runs two ctdesk services on one Redis behind a
// balancer, receiving Telegram's webhook, and plays the correo alta end to
// end for three requesters. The técnico's press that hands out the temporary
// password goes to each replica in turn, while only one of them (the
// leader) delivers the outbox: the requester and the técnico get the same
// password every time, and the requester signs for it.
func TestTwoReplicasCorreoAlta(t *testing.T) {
	rs := redistest.Start(t)
	srv := telegramtest.New(t)
	addrs := []string{freeAddr(t), freeAddr(t)}
	lb := newBalancer(t, addrs...)
	front := httptest.NewServer(lb)
	t.Cleanup(front.Close)
	prefix, config := rs.Prefix(t), crashrig.Config(t, t.TempDir(), crashrig.Requesters(3))
	for _, addr := range addrs {
		serveUntilEnd(t, map[string]string{
			"CTDESK_CONFIG":           config,
			"CTDESK_HTTP_ADDR":        addr,
			"REDIS_URL":               rs.URL(),
			"CTDESK_REDIS_PREFIX":     prefix,
			"TELEGRAM_TOKEN":          srv.Token(),
			"TELEGRAM_API_ENDPOINT":   srv.Endpoint(),
			"TELEGRAM_WEBHOOK_URL":    front.URL + "/telegram",
			"TELEGRAM_WEBHOOK_SECRET": "replicas-secret",
		})
	}
	for _, addr := range addrs {
		waitReady(t, addr, "telegram: up")
	}
	telegramtest.WaitFor(t, func() bool { _, ok := srv.Webhook(); return ok }, 20*time.Second)

	// Three requesters fill their forms at once, then each request is
	// approved, worked and signed in turn.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	var qs []*crashrig.Requester
	errs := make(chan error, 3)
	for i, p := range crashrig.Requesters(3) {
		q := &crashrig.Requester{ID: p.ID, User: p.User, Forms: 1, Rng: rand.New(rand.NewPCG(3, uint64(i)))}
		qs = append(qs, q)
		go func() { errs <- q.Run(ctx, srv, nil) }()
	}
	for range qs {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("forms sent in %v", time.Since(start).Round(time.Millisecond))
	for k, q := range qs {
		f := q.Sent[0]
		if f.Folio == "" {
			t.Fatalf("%s got no folio", q.ID)
		}
		pressFor(t, ctx, srv, luisUser, crashrig.LuisChat, f.Folio, "Aprobar", q.User.ID, "dio su visto bueno")
		pressFor(t, ctx, srv, betoUser, betoUser.ID, f.Folio, "Tomar", 0, "")
		commitDate(t, ctx, srv, f.Folio)
		pressFor(t, ctx, srv, betoUser, betoUser.ID, f.Folio, "Completar", 0, "")
		lb.route(k % 2)
		pressFor(t, ctx, srv, betoUser, betoUser.ID, "", "Omitir", 0, "")
		lb.route(-1)
		got := passwordOf(t, ctx, srv, q.User.ID, "Tu cuenta "+f.Cuenta+" está lista.\nContraseña temporal: ")
		gave := passwordOf(t, ctx, srv, betoUser.ID, "Contraseña temporal para "+f.Cuenta+":\n")
		if got != gave || len(got) < 12 {
			t.Errorf("%s, sealed by replica %d: %s got password %q, beto %q", f.Folio, k%2, q.ID, got, gave)
		}
		pressFor(t, ctx, srv, q.User, q.User.ID, f.Cuenta, "Firmar de recibido", q.User.ID, "Registré tu firma")
		leaktest.Redis(t, rs.Client(t), prefix, got)
		t.Logf("alta %d done at %v", k+1, time.Since(start).Round(time.Millisecond))
	}
	chats := []int64{betoUser.ID}
	for _, q := range qs {
		chats = append(chats, q.User.ID)
	}
	for _, chat := range chats {
		for _, m := range srv.BotMessages(chat) {
			if strings.Contains(m.Text, "no pudo entregarse") {
				t.Errorf("chat %d: %q", chat, m.Text)
			}
		}
	}
	lb.mu.Lock()
	defer lb.mu.Unlock()
	t.Logf("requests taken by each replica: %v", lb.took)
	for i, n := range lb.took {
		if n == 0 {
			t.Errorf("replica %d took no request", i)
		}
	}
}

// anyDay, given to pressFor as the label, presses the first day offered
// (a button such as «27/11»).
const anyDay = "dd/mm"

var dayRE = regexp.MustCompile(`^\d\d/\d\d$`)

// commitDate makes Beto, who took folio, fix the first date offered.
func commitDate(t *testing.T, ctx context.Context, srv *telegramtest.Server, folio string) {
	t.Helper()
	pressFor(t, ctx, srv, betoUser, betoUser.ID, folio, "Fijar fecha", 0, "")
	pressFor(t, ctx, srv, betoUser, betoUser.ID, folio+" · Fijar fecha", anyDay, 0, "")
}

// pressFor makes user press label on the newest message in chat that
// mentions about and shows the button, and waits until the press is
// answered and, unless want is "", a new message containing want reaches
// the chat tell.
func pressFor(t *testing.T, ctx context.Context, srv *telegramtest.Server, user telegramtest.User, chat int64, about, label string, tell int64, want string) {
	t.Helper()
	var msg telegramtest.Message
	var data string
	found := func() bool {
		msgs := srv.BotMessages(chat)
		for i := len(msgs) - 1; i >= 0; i-- {
			if !strings.Contains(msgs[i].Text, about) {
				continue
			}
			for _, row := range msgs[i].Buttons {
				for _, b := range row {
					if b.Text == label || label == anyDay && dayRE.MatchString(b.Text) {
						msg, data = msgs[i], b.Data
						return true
					}
				}
			}
		}
		return false
	}
	for deadline := time.Now().Add(crashrig.StepWait); !found(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no %q button about %q for %s within %v; chat: %s", label, about, user.FirstName, crashrig.StepWait, crashrig.ChatText(srv, chat))
		}
	}
	answered := len(srv.Answers())
	after := srv.LastMessageID(tell)
	srv.Press(user, msg, data)
	telegramtest.WaitFor(t, func() bool { return len(srv.Answers()) > answered }, crashrig.StepWait)
	if want == "" {
		return
	}
	if _, err := crashrig.WaitBot(ctx, srv, tell, after, want); err != nil {
		t.Fatalf("after %s pressed %q on %s: %v; chat: %s", user.FirstName, label, about, err, crashrig.ChatText(srv, tell))
	}
}

var passwordRE = regexp.MustCompile(`^\S+`)

// passwordOf waits for the message in chat that shows a password after
// intro, and returns the password.
func passwordOf(t *testing.T, ctx context.Context, srv *telegramtest.Server, chat int64, intro string) string {
	t.Helper()
	m, err := crashrig.WaitBot(ctx, srv, chat, 0, intro)
	if err != nil {
		t.Fatalf("%v; chat: %s", err, crashrig.ChatText(srv, chat))
	}
	_, rest, _ := strings.Cut(m.Text, intro)
	return passwordRE.FindString(rest)
}
