package telegramtest_test

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"ctdesk/bot/telegram/telegramtest"
)

func download(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

func TestSendDocumentMultipartBytesIntact(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	data := make([]byte, 3<<20+17)
	r := rand.NewChaCha8([32]byte{1})
	_, _ = r.Read(data)
	doc := tgbotapi.NewDocument(ana.ID, tgbotapi.FileBytes{Name: "reporte Q1 ñ.pdf", Bytes: data})
	doc.Caption = "<b>Reporte</b> trimestral"
	doc.ParseMode = tgbotapi.ModeHTML
	sent, err := bot.Send(doc)
	if err != nil {
		t.Fatalf("sendDocument: %v", err)
	}
	if sent.Document == nil || sent.Document.FileName != "reporte Q1 ñ.pdf" || sent.Document.FileSize != len(data) ||
		sent.Document.MimeType != "application/pdf" || sent.Caption != "Reporte trimestral" {
		t.Fatalf("result %+v %+v", sent, sent.Document)
	}
	m := srv.Messages(ana.ID)[0]
	if !bytes.Equal(m.Document.Data, data) || m.Document.Name != "reporte Q1 ñ.pdf" || m.Caption != "Reporte trimestral" {
		t.Fatalf("document arrived damaged: %d bytes, %q", len(m.Document.Data), m.Document.Name)
	}
	if up := srv.Calls("sendDocument")[0].Uploads; len(up) != 1 || up[0].Field != "document" || !bytes.Equal(up[0].Data, data) {
		t.Fatalf("uploads %+v", len(up))
	}

	// Resending by file_id needs no upload.
	if _, err := bot.Send(tgbotapi.NewDocument(beto.ID, tgbotapi.FileID(sent.Document.FileID))); err != nil {
		t.Fatalf("by file_id: %v", err)
	}
	if m := srv.Messages(beto.ID); len(m) != 1 || !bytes.Equal(m[0].Document.Data, data) {
		t.Fatalf("resent %+v", m)
	}
	_, err = bot.Send(tgbotapi.NewDocument(beto.ID, tgbotapi.FileID("nope")))
	if e := apiError(t, err); e.Code != 400 {
		t.Fatalf("unknown file_id: %+v", e)
	}
}

func TestUploadLimits(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLogf(nil), telegramtest.WithFileLimits(1000, 500, 800))
	bot := newBot(t, srv)
	_, err := bot.Send(tgbotapi.NewDocument(ana.ID, tgbotapi.FileBytes{Name: "big.bin", Bytes: make([]byte, 1001)}))
	if e := apiError(t, err); e.Message != "Request Entity Too Large" {
		t.Fatalf("too big document: %+v", e)
	}
	_, err = bot.Send(tgbotapi.NewPhoto(ana.ID, tgbotapi.FileBytes{Name: "p.png", Bytes: append(pngBytes(t, 2, 2), make([]byte, 500)...)}))
	if e := apiError(t, err); e.Message != "Request Entity Too Large" {
		t.Fatalf("too big photo: %+v", e)
	}
	_, err = bot.Send(tgbotapi.NewPhoto(ana.ID, tgbotapi.FileBytes{Name: "p.png", Bytes: []byte("%PDF-1.4 not an image")}))
	if e := apiError(t, err); e.Message != "Bad Request: IMAGE_PROCESS_FAILED" {
		t.Fatalf("not an image: %+v", e)
	}
	if srv.Malformed() != 3 || len(srv.Messages(ana.ID)) != 0 {
		t.Fatalf("malformed %d", srv.Malformed())
	}
	// A user's file over the download limit cannot be fetched.
	srv.SendDocument(ana, "video.mp4", make([]byte, 900), "")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	_, err = bot.GetFile(tgbotapi.FileConfig{FileID: ups[0].Message.Document.FileID})
	if e := apiError(t, err); e.Message != "Bad Request: file is too big" {
		t.Fatalf("getFile: %+v", e)
	}
}

func TestUserPhotoGetFileAndDownload(t *testing.T) {
	srv := telegramtest.New(t, telegramtest.WithLogf(nil))
	bot := newBot(t, srv)
	img := pngBytes(t, 64, 48)
	srv.SendPhoto(ana, img, "")
	srv.SendDocument(beto, "oficio.docx", []byte("PK docx"), "Mi oficio")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 2 {
		t.Fatalf("%v %v", ups, err)
	}
	photo := ups[0].Message.Photo
	if len(photo) < 2 || photo[len(photo)-1].Width != 64 || photo[len(photo)-1].Height != 48 || ups[0].Message.Caption != "" {
		t.Fatalf("photo sizes %+v", photo)
	}
	largest := photo[len(photo)-1]
	f, err := bot.GetFile(tgbotapi.FileConfig{FileID: largest.FileID})
	if err != nil || f.FilePath == "" || f.FileSize != len(img) {
		t.Fatalf("getFile %+v %v", f, err)
	}
	// The library's f.Link / GetFileDirectURL point at api.telegram.org: build the URL from FileBase.
	status, got := download(t, srv.FileBase()+bot.Token+"/"+f.FilePath)
	if status != 200 || !bytes.Equal(got, img) {
		t.Fatalf("download %d, %d bytes", status, len(got))
	}
	thumb, _ := bot.GetFile(tgbotapi.FileConfig{FileID: photo[0].FileID})
	if _, small := download(t, srv.FileURL(thumb.FilePath)); bytes.Equal(small, img) {
		t.Fatal("the thumbnail must not be the photo")
	}
	if status, _ := download(t, srv.FileBase()+"1:bad/"+f.FilePath); status != 401 {
		t.Fatalf("wrong token download: %d", status)
	}
	if status, _ := download(t, srv.FileURL("photos/nothing.jpg")); status != 404 {
		t.Fatalf("unknown path: %d", status)
	}

	doc := ups[1].Message.Document
	if doc.FileName != "oficio.docx" || ups[1].Message.Caption != "Mi oficio" {
		t.Fatalf("document %+v", doc)
	}
	df, _ := bot.GetFile(tgbotapi.FileConfig{FileID: doc.FileID})
	if _, got := download(t, srv.FileURL(df.FilePath)); string(got) != "PK docx" {
		t.Fatalf("document bytes %q", got)
	}

	// The bot can send the user's photo on by file_id.
	if _, err := bot.Send(tgbotapi.NewPhoto(beto.ID, tgbotapi.FileID(largest.FileID))); err != nil {
		t.Fatalf("sendPhoto by file_id: %v", err)
	}
	if m := srv.Messages(beto.ID); m[len(m)-1].Photo == nil || !bytes.Equal(m[len(m)-1].Photo.Data, img) {
		t.Fatalf("forwarded photo %+v", m)
	}
	if n := len(srv.Calls("download")); n != 5 {
		t.Fatalf("downloads recorded %d", n)
	}
}
