//go:build linux

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/cmd/internal/crashrig"
	"ctdesk/storage"
	"ctdesk/storage/sqlitestore"
)

// takeBackRig serves ctdesk on SQLite over a fake Bot API with the crash
// test's requesters, with extra variables.
// The configuration gets extra, appended.
func takeBackRig(t *testing.T, vars map[string]string, extra string) (*telegramtest.Server, string) {
	srv := telegramtest.New(t)
	db := filepath.Join(t.TempDir(), "ctdesk.db")
	cfg := crashrig.Config(t, t.TempDir(), crashrig.Requesters(1))
	if extra != "" {
		f, err := os.OpenFile(cfg, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteString(extra)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	all := map[string]string{
		"CTDESK_CONFIG":         cfg,
		"CTDESK_DATA":           db,
		"CTDESK_HTTP_ADDR":      "127.0.0.1:0",
		"TELEGRAM_TOKEN":        srv.Token(),
		"TELEGRAM_API_ENDPOINT": srv.Endpoint(),
	}
	for k, v := range vars {
		all[k] = v
	}
	serveUntilEnd(t, all)
	return srv, db
}

// altaHandedOut plays a correo alta of the first requester until both
// the requester and beto have the temporary password, which it returns.
func altaHandedOut(t *testing.T, ctx context.Context, srv *telegramtest.Server) (crashrig.Person, crashrig.Form, string) {
	t.Helper()
	p, f := walkToNote(t, ctx, srv, 7)
	pressFor(t, ctx, srv, betoUser, betoUser.ID, "", "Omitir", 0, "")
	pw := passwordOf(t, ctx, srv, p.User.ID, "Tu cuenta "+f.Cuenta+" está lista.\nContraseña temporal: ")
	if gave := passwordOf(t, ctx, srv, betoUser.ID, "Contraseña temporal para "+f.Cuenta+":\n"); gave != pw || len(pw) < 12 {
		t.Fatalf("%s got password %q and beto %q", p.ID, pw, gave)
	}
	return p, f, pw
}

// wantTakenBack waits until chat reads «Contraseña entregada el» and
// checks that none of the bot's messages there shows the password.
func wantTakenBack(t *testing.T, ctx context.Context, srv *telegramtest.Server, chat int64, pw string) {
	t.Helper()
	if _, err := crashrig.WaitBot(ctx, srv, chat, 0, "Contraseña entregada el "); err != nil {
		t.Fatalf("%v; chat: %s", err, crashrig.ChatText(srv, chat))
	}
	for _, m := range srv.BotMessages(chat) {
		if strings.Contains(m.Text, pw) {
			t.Errorf("chat %d still shows the password: %q", chat, m.Text)
		}
	}
}

// ticketLog returns the ticket's bitácora, read from the SQLite file while
// ctdesk runs.
func ticketLog(t *testing.T, db, folio string) []storage.LogEntry {
	t.Helper()
	st, err := sqlitestore.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := st.Log(context.Background(), storage.LogFilter{Folio: folio})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// deleted counts the successful deleteMessage calls in a chat.
func deleted(srv *telegramtest.Server, chat string) int {
	n := 0
	for _, c := range srv.Calls("deleteMessage") {
		if c.Params["chat_id"] == chat && c.Status == 200 {
			n++
		}
	}
	return n
}

// TestPasswordTakenBackOnSigning: once the requester signs, the password
// messages leave the requester's and beto's chats (deleteMessage), each
// replaced with «Contraseña entregada el …», and the bitácora says so.
func TestPasswordTakenBackOnSigning(t *testing.T) {
	srv, db := takeBackRig(t, nil, "")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, f, pw := altaHandedOut(t, ctx, srv)
	pressFor(t, ctx, srv, p.User, p.User.ID, f.Cuenta, "Firmar de recibido", p.User.ID, "Registré tu firma")
	wantTakenBack(t, ctx, srv, p.User.ID, pw)
	wantTakenBack(t, ctx, srv, betoUser.ID, pw)
	if deleted(srv, "2002") != 1 || deleted(srv, "1002") != 1 {
		t.Errorf("deleteMessage calls: %d in the requester's chat, %d in beto's; want one each", deleted(srv, "2002"), deleted(srv, "1002"))
	}
	telegramtest.WaitFor(t, func() bool { return count(ticketLog(t, db, f.Folio), "contrasena_retirada") == 2 }, crashrig.StepWait)
}

// TestPasswordTakenBackAfterTime: nobody signs; after CTDESK_PASSWORD_KEEP
// the scheduler's job (run every second here) takes the password out of
// both chats all the same, leaving the requester the button to sign. A message Telegram no
// longer lets delete stays, and the bitácora records it as such.
func TestPasswordTakenBackAfterTime(t *testing.T) {
	srv, db := takeBackRig(t, map[string]string{"CTDESK_PASSWORD_KEEP": "2s"}, "schedules:\n  cron: {contrasenas: \"@every 1s\"}\n")
	srv.SetFault(func(c telegramtest.Call) *telegramtest.Fault {
		if c.Method == "deleteMessage" && c.Params["chat_id"] == "1002" {
			return &telegramtest.Fault{Code: 400, Description: "Bad Request: message can't be deleted for everyone"}
		}
		return nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p, f, pw := altaHandedOut(t, ctx, srv)
	wantTakenBack(t, ctx, srv, p.User.ID, pw)
	telegramtest.WaitFor(t, func() bool { return count(ticketLog(t, db, f.Folio), "contrasena_no_retirada") == 1 }, crashrig.StepWait)
	log := ticketLog(t, db, f.Folio)
	for _, e := range log {
		if e.Action == "contrasena_no_retirada" && !strings.Contains(e.Detail, "Beto Ruiz") {
			t.Errorf("the bitácora names the wrong chat: %q", e.Detail)
		}
	}
	if count(log, "contrasena_retirada") != 1 {
		t.Errorf("bitácora of %s: %+v; want the requester's password deleted", f.Folio, log)
	}
	if _, err := crashrig.WaitBot(ctx, srv, betoUser.ID, 0, "Contraseña temporal para "+f.Cuenta); err != nil {
		t.Errorf("beto's message, which Telegram would not delete, is gone: %v", err)
	}
	pressFor(t, ctx, srv, p.User, p.User.ID, "Contraseña entregada el ", "Firmar de recibido", p.User.ID, "Registré tu firma")
}

// count counts the entries with the action.
func count(log []storage.LogEntry, action string) int {
	n := 0
	for _, e := range log {
		if e.Action == action {
			n++
		}
	}
	return n
}
