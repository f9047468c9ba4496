package telegram_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf16"

	"ctdesk/bot/telegram"
	"ctdesk/bot/telegram/telegramtest"
	"ctdesk/conversations"
	"ctdesk/conversations/convtest"
	"ctdesk/storage"
)

// TestEscaping: names with <, &, accents and emoji reach the chat exactly
// as written, in HTML parse mode.
func TestEscaping(t *testing.T) {
	st := convtest.SQLite(t)
	srv := telegramtest.New(t)
	r := newRig(t, srv, st, telegram.Config{})
	name := `Zoë&<Ñandú> "Cía" 'R' 🦊 & <b>Núñez</b>`
	zoe := telegramtest.User{ID: 4001, FirstName: "Zoë"}
	if err := st.PutPerson(context.Background(), storage.Person{ID: "zoe", Name: name, Role: storage.RoleUsuario,
		Area: "finanzas", Accounts: map[string]string{"telegram": "4001"}}); err != nil {
		t.Fatal(err)
	}
	r.start()
	m := r.say(zoe, "hola", "¿Qué servicio")
	if first := strings.Fields(name)[0]; !strings.Contains(m.Text, "Hola, "+first) {
		t.Errorf("menu = %q, want it to greet %q", m.Text, first)
	}
	if _, err := r.eng.Post(context.Background(), "nombre", conversations.Message{To: "zoe", Text: "Registro de " + name + " <listo>"}); err != nil {
		t.Fatal(err)
	}
	r.disp.Wake()
	r.waitAfter(zoe.ID, m.ID, "Registro de "+name+" <listo>")
	for _, c := range srv.Calls("sendMessage") {
		if c.Params["parse_mode"] != "HTML" {
			t.Errorf("parse_mode = %q, want HTML", c.Params["parse_mode"])
		}
	}
	r.clean()
}

// TestLongMessageSplit: a message over 4096 characters arrives in parts at
// line boundaries, nothing lost, buttons under the last part.
func TestLongMessageSplit(t *testing.T) {
	srv := telegramtest.New(t)
	r := newRig(t, srv, convtest.SQLite(t), telegram.Config{})
	var b strings.Builder
	for i := 0; b.Len() < 9000; i++ {
		b.WriteString("• línea con acentos y emoji 😀 número ")
		b.WriteString(strings.Repeat("x", i%40))
		b.WriteString("\n")
	}
	b.WriteString(strings.Repeat("sin saltos ", 500)) // one line longer than a message
	text := strings.TrimSpace(b.String())
	msg := conversations.Message{To: "rosa", Text: text, Buttons: [][]conversations.Button{{{Label: "Ayuda", Code: "m:help"}}}}
	if _, err := r.eng.Post(context.Background(), "largo", msg); err != nil {
		t.Fatal(err)
	}
	r.start()
	r.idle()
	parts := srv.BotMessages(rosa.ID)
	if len(parts) < 3 {
		t.Fatalf("got %d parts, want at least 3", len(parts))
	}
	var got strings.Builder
	for i, p := range parts {
		if n := len(utf16.Encode([]rune(p.Text))); n > 4096 {
			t.Errorf("part %d has %d UTF-16 units", i+1, n)
		}
		if p.HasButtons() != (i == len(parts)-1) {
			t.Errorf("part %d buttons = %v", i+1, p.HasButtons())
		}
		got.WriteString(p.Text)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(got.String()) != squash(text) {
		t.Errorf("the parts do not add up to the message")
	}
	r.clean()
}

// recorder keeps the events it is given.
type recorder struct {
	evs chan conversations.Event
}

func (r *recorder) Handle(_ context.Context, ev conversations.Event) (conversations.Result, error) {
	r.evs <- ev
	return conversations.Result{}, nil
}

// TestIncomingFiles: a photo with a caption and a photo alone both arrive
// as a file answer with the full-size bytes; a document over the download
// limit arrives marked TooBig without being fetched.
func TestIncomingFiles(t *testing.T) {
	srv := telegramtest.New(t)
	r := newRig(t, srv, convtest.SQLite(t), telegram.Config{})
	rec := &recorder{evs: make(chan conversations.Event, 10)}
	r.startWith(rec)
	png := tinyPNG(t)

	srv.SendPhoto(rosa, png, "la impresora del piso 2")
	srv.SendPhoto(rosa, png, "")
	srv.SendDocument(rosa, "oficio.pdf", []byte("%PDF-1.4 oficio"), "")
	srv.SendDocument(rosa, "enorme.zip", make([]byte, 20<<20+1), "")
	var evs []conversations.Event
	for range 4 {
		evs = append(evs, <-rec.evs)
	}
	for i, want := range []struct {
		text, name string
		photo, big bool
		data       []byte
	}{
		{"la impresora del piso 2", "", true, false, png},
		{"", "", true, false, png},
		{"", "oficio.pdf", false, false, []byte("%PDF-1.4 oficio")},
		{"", "enorme.zip", false, true, nil},
	} {
		ev := evs[i]
		if ev.Text != want.text || len(ev.Files) != 1 {
			t.Errorf("event %d: text %q, %d files; want %q, 1", i, ev.Text, len(ev.Files), want.text)
			continue
		}
		f := ev.Files[0]
		if f.Photo != want.photo || f.TooBig != want.big || string(f.Data) != string(want.data) ||
			want.name != "" && f.Name != want.name {
			t.Errorf("event %d: file %s photo=%v big=%v %d bytes", i, f.Name, f.Photo, f.TooBig, len(f.Data))
		}
		if ev.Account != "2002" || ev.Platform != "telegram" || !strings.HasPrefix(ev.ID, "tg:") || ev.Name != "Rosa Díaz" {
			t.Errorf("event %d: %s %s %s %q", i, ev.ID, ev.Platform, ev.Account, ev.Name)
		}
	}
	for _, c := range srv.Calls("download") {
		if strings.Contains(c.Params["file_path"], "enorme") {
			t.Errorf("the oversized file was downloaded")
		}
	}
	r.clean()
}
